#!/usr/bin/env python3
"""Time pare, the peers and the floor on the prepared corpus; print the table and write
WORK/results.md. Called by run.sh, which prepares WORK (corpus, venv, floor binary).

  bench.py --work DIR --pare PATH --python VENV_PYTHON [--jobs N] [--runs R] [--justext-pages P]

Every run is a fresh process on the same corpus, timed from outside (wall clock with
time.perf_counter, CPU time from os.times() of the reaped child); each is repeated R times and the
run with the median wall time is reported. MB are 10^6 bytes of page TEXT (UTF-8)
unless a column says "file".
"""
import argparse, datetime, json, os, platform, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))

ap = argparse.ArgumentParser()
ap.add_argument("--work", required=True)
ap.add_argument("--pare", required=True)
ap.add_argument("--python", required=True, help="the venv's python (datatrove, jusText)")
ap.add_argument("--floor", help="the compiled floor program (default WORK/floor)")
ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--peer-runs", type=int, default=1)
ap.add_argument("--justext-pages", type=int, default=200)
opts = ap.parse_args()
W = opts.work
floor_bin = opts.floor or os.path.join(W, "floor")
with open(os.path.join(W, "corpus.json")) as f:
    meta = json.load(f)
TEXT_MB = meta["text_bytes"] / 1e6
JSONL_MB = meta["jsonl_bytes"] / 1e6
corpus = {k: os.path.join(W, "corpus." + k) for k in ("jsonl", "z", "txt")}


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_once(argv, env=None):
    """Wall seconds, load before, stdout (CPU time is taken around it, from os.times())."""
    la = load()
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench.py: {' '.join(argv)} failed (exit {p.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return wall, la, out


def timed(argv, runs, env=None, discard_stdout=False):
    """Median-wall run of `runs`: dict with wall, cpu, load, stdout (parsed JSON if any)."""
    results = []
    for _ in range(runs):
        before = os.times()
        if discard_stdout:
            la = load()
            t0 = time.perf_counter()
            p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            wall = time.perf_counter() - t0
            if p.returncode != 0:
                sys.exit(f"bench.py: {' '.join(argv)} failed (exit {p.returncode}):\n"
                         f"{p.stderr.decode(errors='replace')[-2000:]}")
            out = b""
        else:
            wall, la, out = run_once(argv, env)
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        try:
            parsed = json.loads(out.decode().strip().splitlines()[-1]) if out.strip() else None
        except (ValueError, IndexError):
            parsed = None
        results.append({"wall": wall, "cpu": cpu, "load": la, "out": parsed, "raw": out})
    results.sort(key=lambda r: r["wall"])
    return results[len(results) // 2], results


rows = []  # dicts: name, cores, mb, seconds, cpu, load, file_mb, note


def add(name, cores, mb, seconds, cpu=None, load=None, file_mb=None, key=None):
    rows.append({"name": name, "cores": cores, "mb": mb, "s": seconds, "cpu": cpu, "load": load,
                 "file_mb": file_mb, "key": key or name})
    r = rows[-1]
    extra = f", {file_mb / seconds:.1f} file MB/s" if file_mb else ""
    print(f"  {name}: {mb:.1f} MB in {seconds:.3f} s = {mb / seconds:.1f} MB/s{extra} (load {load})", flush=True)
    return r


N = opts.jobs
print(f"timing: {opts.runs} runs each (peers {opts.peer_runs}), median wall reported; "
      f"corpus {meta['pages']} pages, {TEXT_MB:.1f} MB text, {JSONL_MB:.1f} MB JSONL", flush=True)

# 1. floor
m, _ = timed([floor_bin, corpus["txt"]], opts.runs)
floor_out = m["out"]
add("floor: C, 1 PCRE2-JIT pattern a line", 1, TEXT_MB, m["wall"], m["cpu"], m["load"], key="floor")
floor_loop = floor_out["loop_seconds"]
# 2. wc -l
m, _ = timed(["wc", "-l", corpus["txt"]], opts.runs, env=dict(os.environ, LC_ALL="C"))
add("wc -l", 1, TEXT_MB, m["wall"], m["cpu"], m["load"], key="wc")
# 3-6. pare
for key, name, argv, cores, file_mb in [
    ("pare_z_1", "pare -j 1 -z", [opts.pare, "-j", "1", "-q", "-z", corpus["z"]], 1, None),
    ("pare_z_n", f"pare -j {N} -z", [opts.pare, "-j", str(N), "-q", "-z", corpus["z"]], N, None),
    ("pare_jsonl_1", "pare -j 1 JSONL", [opts.pare, "-j", "1", "-q", corpus["jsonl"]], 1, JSONL_MB),
    ("pare_jsonl_n", f"pare -j {N} JSONL", [opts.pare, "-j", str(N), "-q", corpus["jsonl"]], N, JSONL_MB),
]:
    m, _ = timed(argv, opts.runs, discard_stdout=True)
    add(name, cores, TEXT_MB, m["wall"], m["cpu"], m["load"], file_mb=file_mb, key=key)

# 7-8. peers, one process each
peer = os.path.join(HERE, "peer.py")
for key, label, extra in [("c4", "datatrove C4", []),
                          ("justext", "jusText", ["--pages", str(opts.justext_pages)])]:
    m, _ = timed([opts.python, peer, key, corpus["jsonl"]] + extra, opts.peer_runs)
    o = m["out"]
    mb = o["bytes"] / 1e6
    subset = f" ({o['pages']} pages)" if o["pages"] < meta["pages"] else ""
    add(f"{label}, loop{subset}", 1, mb, o["loop_seconds"], o.get("loop_cpu_seconds"), m["load"], key=key)
    add(f"{label}, process{subset}", 1, mb, m["wall"], m["cpu"], m["load"], key=key + "_process")
    rows[-1]["detail"] = o

by = {r["key"]: r for r in rows}
def rate(k): r = by[k]; return r["mb"] / r["s"]
def per_core(k): r = by[k]; return r["mb"] / r["s"] / r["cores"]

floor_rate = per_core("floor")
def cpu_rate(k): r = by[k]; return r["mb"] / r["cpu"] if r["cpu"] else None


def both(a, b):
    """(wall ratio, CPU ratio) of a to b."""
    ca, cb = cpu_rate(a), cpu_rate(b)
    return rate(a) / rate(b), (ca / cb if ca and cb else None)


ratios = [
    ("pare -j 1 -z / datatrove C4 loop", *both("pare_z_1", "c4")),
    ("pare -j 1 JSONL / datatrove C4 process", *both("pare_jsonl_1", "c4_process")),
    ("pare -j 1 -z / jusText loop", *both("pare_z_1", "justext")),
    ("pare -j 1 JSONL / jusText process", *both("pare_jsonl_1", "justext_process")),
    (f"scaling, -z: -j {N} / -j 1", rate("pare_z_n") / rate("pare_z_1"), None),
    (f"scaling, JSONL: -j {N} / -j 1", rate("pare_jsonl_n") / rate("pare_jsonl_1"), None),
    ("JSONL / -z, -j 1 (text MB/s)", *both("pare_jsonl_1", "pare_z_1")),
    (f"JSONL / -z, -j {N} (text MB/s)", *both("pare_jsonl_n", "pare_z_n")),
    ("floor (1 core) / pare -j 1 -z", floor_rate / per_core("pare_z_1"), *both("floor", "pare_z_1")[1:]),
]


def fmt(x, d=1):
    return f"{x:,.{d}f}" if x is not None else ""


header = ["run", "cores", "MB text", "wall s", "CPU s", "MB/s", "MB/s/core", "MB/CPU-s", "file MB/s", "floor ÷ this, per core", "load"]
table = []
for r in rows:
    mbs = r["mb"] / r["s"]
    table.append([r["name"], str(r["cores"]), fmt(r["mb"]), fmt(r["s"], 3), fmt(r["cpu"], 2),
                  fmt(mbs), fmt(mbs / r["cores"]), fmt(r["mb"] / r["cpu"]) if r["cpu"] else "",
                  fmt(r["file_mb"] / r["s"]) if r["file_mb"] else "",
                  fmt(floor_rate / (mbs / r["cores"])), fmt(r["load"], 2) if r["load"] is not None else ""])

widths = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(header)]
print()
print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
for t in table:
    print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(t, widths))))
print()
for name, x, c in ratios:
    print(f"  {name}: {x:.2f}× wall" + (f", {c:.2f}× CPU" if c else ""))
print(f"  floor's match loop alone: {floor_out['loop_seconds']:.3f} s = {TEXT_MB / floor_out['loop_seconds']:,.0f} MB/s "
      f"({floor_out['lines']:,} lines, {floor_out['matches']:,} matches)")


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


cpu_model = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
mem = sh("awk '/MemTotal/ {printf \"%.0f GiB\", $2/1048576}' /proc/meminfo")
swift = sh("swift --version 2>&1 | grep -m1 -o 'Swift version [0-9.]*'")
pare_version = sh(f"'{opts.pare}' --version 2>&1")
versions = sh(f"'{opts.python}' -c \"import importlib.metadata as m; "
              "print(', '.join(p + ' ' + m.version(p) for p in ['datatrove', 'jusText', 'lxml', 'lxml_html_clean', 'regex']))\"")
pyver = sh(f"'{opts.python}' -c 'import platform; print(platform.python_version())'")
now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
md = [
    f"{now}, {os.cpu_count()}-core {platform.machine()} ({cpu_model}), {mem}, {swift or 'Swift ?'}; "
    f"pare {pare_version} (`{opts.pare}`); Python {pyver}: {versions}. "
    f"Corpus: {meta['pages']:,} pages, {TEXT_MB:.1f} MB of text ({JSONL_MB:.1f} MB as JSONL), "
    f"from `{os.path.basename(meta['source']['input'])}` × {meta['source']['repeat']}. "
    f"Median wall time of {opts.runs} runs (peers: {opts.peer_runs}); load = 1-minute load average "
    f"just before the reported run.",
    "",
    "| " + " | ".join(header) + " |",
    "| --- |" + " ---: |" * (len(header) - 1),
]
md += ["| " + " | ".join(t) + " |" for t in table]
md += ["", "| ratio | × (wall MB/s) | × (MB/CPU-s) |", "| --- | ---: | ---: |"]
md += [f"| {name} | {x:.2f} | {fmt(c, 2)} |" for name, x, c in ratios]
md += ["",
       f"MB are page-text bytes (UTF-8, 10^6); `MB/s` is per second of wall time, `MB/s/core` that "
       f"divided by the cores asked for, `MB/CPU-s` per second of CPU time (user + system, all threads; "
       f"steadier than wall time on a busy machine); `file MB/s` counts the JSONL file's bytes (pare reads "
       f"every field of every line). Peers: `loop` times the cleaning loop alone, in-process; `process` "
       f"is the whole process from the outside (Python start, imports, reading and parsing the JSONL, "
       f"the loop), comparable with pare's JSONL rows. Both are one process on one core. "
       f"jusText ran on the first {by['justext_process']['detail']['pages']} pages only "
       f"({by['justext']['mb']:.1f} MB), its MB/s scaled by the bytes it processed. "
       f"The floor's match loop alone (after reading the file) ran at "
       f"{TEXT_MB / floor_out['loop_seconds']:,.0f} MB/s."]
with open(os.path.join(W, "results.md"), "w") as f:
    f.write("\n".join(md) + "\n")
with open(os.path.join(W, "results.json"), "w") as f:
    json.dump({"meta": meta, "rows": rows, "ratios": {n: [x, c] for n, x, c in ratios}, "floor": floor_out}, f, indent=1, default=str)
print(f"\nwrote {os.path.join(W, 'results.md')}")
