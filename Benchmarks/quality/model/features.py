#!/usr/bin/env python3
"""Per-line shape features for Pare's learned keep/drop line classifier.

Written to be ported to Swift line by line: every feature is a count, a ratio or a
flag over the bytes of one line or of its neighbours; the only vocabulary is the
stop-word lists in Patterns/stoplists/*.txt (all languages merged into one set, as
Pare's StopwordTable does). No regex engine is needed in the port: every pattern
below is spelled out as a simple character test in the comments.

Vocabulary of this file:

  line   one '\\n'-separated line of the page text (inscriptis output: leading spaces
         mirror the DOM nesting, list items start with "* " / "+ " / "- ", ordered
         items with "1. ").
  unit   a line with at least one word. Only units are classified; lines without
         words (blank, "*", "|", "----") are always dropped and only count as gaps.
  prose  a unit with >= 7 words and >= 20 % stop words (for scripts written without
         spaces -- Han, kana, Thai -- : >= 7 "words", see scan_words) exactly
         ContentRegionStage's definition.
  region the maximum-score run of units (ContentRegionStage.mainRegion): prose scores
         its word count, any other unit costs 2 + 0.5 * words.

page_features(text) returns (line index of each unit, rows, names) where rows[k] is
the list of float features of unit k, in the order of names.
"""
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
STOPLIST_DIR = os.path.join(HERE, "..", "..", "..", "Patterns", "stoplists")


def load_stopwords(directory=STOPLIST_DIR):
    """All stop-word lists merged into one lower-cased set (like StopwordTable)."""
    words = set()
    for name in sorted(os.listdir(directory)):
        if name.endswith(".txt"):
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                for line in f:
                    w = line.strip().lower()
                    if w and not w.startswith("#"):
                        words.add(w)
    return words


STOPWORDS = load_stopwords()

# Characters of scripts written without spaces (WordScanner's "ideographs"): CJK
# radicals..CJK ideographs U+2E80-9FFF, compatibility ideographs U+F900-FAFF,
# supplementary ideographs U+20000-2FFFF, Thai U+0E00-0E7F.
IDEOGRAPH = re.compile("[\u2E80-\u9FFF\uF900-\uFAFF\U00020000-\U0002FFFF\u0E00-\u0E7F]")
WORD = re.compile(r"\w+")  # Unicode letters, digits, marks, '_' (WordScanner)

# Constants shared with ContentRegionStage (its defaults).
PROSE_MIN_WORDS = 7
PROSE_MIN_STOP_SHARE = 0.2
NONPROSE_LINE_PENALTY = 2.0
NONPROSE_WORD_PENALTY = 0.5
MENU_SHORT_MAX_WORDS = 4      # a non-prose unit of <= 4 words is "menu-like"...
MENU_BULLET_MAX_WORDS = 8     # ...and so is a bulleted non-prose unit of <= 8 words

SENTENCE_END = set(".!?…。！？")   # terminal punctuation
CLOSERS = set("\"'”’»)]")          # skipped when looking for the terminal character
BULLETS_OTHER = set("•◦▪·–‣")      # list bullets other than * + -
SEPARATORS = set("|·•»›")          # inline separators of menus, breadcrumbs, footers
CURRENCY = set("$€£¥₹")


def scan_words(s):
    """(lower-cased words, ideograph count) the way Pare's WordScanner splits them:
    \\w+ runs, with characters of space-less scripts counted apart (each one ends a
    word)."""
    ideographs = len(IDEOGRAPH.findall(s))
    if ideographs:
        s = IDEOGRAPH.sub(" ", s)
    return [w.lower() for w in WORD.findall(s)], ideographs


def bullet_kind(stripped):
    """0 none, 1 '* ', 2 '+ ', 3 '- ', 4 another bullet symbol followed by a space
    (or the line is just the marker)."""
    if not stripped:
        return 0
    c = stripped[0]
    if len(stripped) == 1 or stripped[1] in " \t":
        if c == "*":
            return 1
        if c == "+":
            return 2
        if c == "-":
            return 3
        if c in BULLETS_OTHER:
            return 4
    return 0


def is_numbered(stripped):
    """Ordered-list marker: 1-3 digits, then '.' or ')', then a space ("12. ")."""
    i = 0
    while i < len(stripped) and i < 3 and stripped[i].isdigit():
        i += 1
    return 0 < i and i + 1 < len(stripped) and stripped[i] in ".)" and stripped[i + 1] == " "


def digit_run_max(s):
    """Most digits in one run of digits joined by spaces, '-', '.', '(', ')', '/'
    (a phone number has >= 7)."""
    best = cur = 0
    for c in s:
        if c.isdigit():
            cur += 1
        elif c in " -.()/+" and cur:
            continue
        else:
            cur = 0
        best = max(best, cur)
    return best


def has_year(words):
    """A 4-digit token 1900-2099."""
    return any(len(w) == 4 and w.isdigit() and w[:2] in ("19", "20") for w in words)


def has_url(low):
    """'http://', 'https://', 'www.' or a '.com'/'.org'/'.net' ending a token."""
    if "http://" in low or "https://" in low or "www." in low:
        return True
    for tld in (".com", ".org", ".net"):
        j = low.find(tld)
        while j > 0:
            end = j + len(tld)
            if low[j - 1].isalnum() and (end == len(low) or not low[end].isalnum()):
                return True
            j = low.find(tld, j + 1)
    return False


class Line:
    """Base facts of one line (computed once, then combined into features)."""
    __slots__ = ("raw", "stripped", "indent", "words", "nw", "stops", "ideo", "prose",
                 "bullet", "numbered", "menu_like", "folded")

    def __init__(self, raw):
        self.raw = raw
        # indentation: leading spaces (a tab counts 1; inscriptis emits spaces)
        i = 0
        while i < len(raw) and raw[i] in " \t":
            i += 1
        self.indent = i
        self.stripped = raw.strip()
        words, ideo = scan_words(self.stripped)
        self.words = words
        self.ideo = ideo
        self.nw = len(words) + ideo // 2          # effective word count (as in Pare)
        self.stops = sum(1 for w in words if w in STOPWORDS)
        if ideo >= 2 * len(words):
            self.prose = self.nw >= PROSE_MIN_WORDS
        else:
            self.prose = len(words) >= PROSE_MIN_WORDS and self.stops >= PROSE_MIN_STOP_SHARE * len(words)
        self.bullet = bullet_kind(self.stripped)
        self.numbered = is_numbered(self.stripped)
        self.menu_like = (not self.prose) and (self.nw <= MENU_SHORT_MAX_WORDS or
                                               (self.bullet and self.nw <= MENU_BULLET_MAX_WORDS))
        # folded form for "repeated elsewhere": the words joined by one space
        self.folded = " ".join(words)


def main_region(units, line_penalty=NONPROSE_LINE_PENALTY, word_penalty=NONPROSE_WORD_PENALTY):
    """ContentRegionStage.mainRegion over units: (first, last) unit indices, or None.
    (Penalties as parameters: the features also use a looser and a stricter region.)"""
    best = cur = 0.0
    start = 0
    region = None
    for k, u in enumerate(units):
        if cur <= 0:
            cur = 0.0
            start = k
        cur += u.nw if u.prose else -(line_penalty + word_penalty * u.nw)
        if cur > best:
            best = cur
            region = (start, k)
    return region


def shape_features(u):
    """Features of one unit on its own (prefix 's_')."""
    s = u.stripped
    nonspace = sum(1 for c in s if not c.isspace())
    # skip the list marker when measuring punctuation
    body = s[2:] if (u.bullet and len(s) > 1) else s
    body_ns = max(1, sum(1 for c in body if not c.isspace()))
    digits = sum(1 for c in s if c.isdigit())
    punct = sum(1 for c in body if not c.isspace() and not c.isalnum() and c != "_")
    letters_words = [w for w in WORD.findall(s) if w[0].isalpha()]
    caps = sum(1 for w in letters_words if w[0].isupper())
    letters = [c for c in s if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    # terminal character, skipping closing quotes/brackets
    j = len(s) - 1
    while j >= 0 and s[j] in CLOSERS:
        j -= 1
    last = s[j] if j >= 0 else ""
    # sentence ends inside the line: terminal punctuation followed by a space
    sentences = sum(1 for a, b in zip(s, s[1:]) if a in SENTENCE_END and b == " ") + (last in SENTENCE_END)
    # runs of >= 2 spaces inside the text (table cells, inline blocks laid side by side)
    inner_gaps = len(re.findall(r"\S {2,}(?=\S)", s))
    first_letter = next((c for c in body if c.isalpha()), "")
    low = s.lower()
    nw = u.nw
    return {
        "s_words": nw,
        "s_log_chars": math.log1p(len(s)),
        "s_stop_share": u.stops / len(u.words) if u.words else 0.0,
        "s_stops": u.stops,
        "s_prose": float(u.prose),
        "s_menu_like": float(u.menu_like),
        "s_ideographic": float(u.ideo >= 2 * len(u.words)),
        "s_end_sentence": float(last in SENTENCE_END),
        "s_end_colon": float(last == ":"),
        "s_end_comma": float(last in ",;"),
        "s_end_ellipsis": float(s.endswith("...") or s.endswith("…")),
        "s_question": float("?" in s),
        "s_sentences": sentences,
        "s_bullet_star": float(u.bullet == 1),
        "s_bullet_plus": float(u.bullet == 2),
        "s_bullet_dash": float(u.bullet == 3),
        "s_bullet_other": float(u.bullet == 4),
        "s_numbered": float(u.numbered),
        "s_indent": u.indent,
        "s_digit_share": digits / max(1, nonspace),
        "s_cap_share": caps / len(letters_words) if letters_words else 0.0,
        "s_upper_share": upper / len(letters) if letters else 0.0,
        "s_punct_share": punct / body_ns,
        "s_starts_lower": float(first_letter.islower()),
        "s_avg_word_len": sum(len(w) for w in u.words) / len(u.words) if u.words else 0.0,
        "s_separators": sum(1 for c in s if c in SEPARATORS) - (1 if u.bullet == 4 else 0),
        "s_slashes": s.count("/"),
        "s_inner_gaps": inner_gaps,
        "s_copyright": float("©" in s or "(c)" in low),
        "s_at": float("@" in s),
        "s_url": float(has_url(low)),
        "s_phone": float(digit_run_max(s) >= 7),
        "s_currency": float(any(c in CURRENCY for c in s)),
        "s_year": float(has_year(u.words)),
        "s_brackets": float("[" in s or "]" in s),
        "s_pipe_or_bullet_inline": float(any(c in SEPARATORS for c in body)),
    }


# Neighbour features copied from shape features of units k-1..k-3 and k+1..k+3.
NEIGHBOUR_KEYS = ("s_words", "s_prose", "s_stop_share", "s_end_sentence")
NEIGHBOUR_KEYS_NEAR = ("s_menu_like", "s_numbered", "s_digit_share", "s_cap_share")


def page_features(text):
    """Features of every unit of one page: (line indices of the units, rows)."""
    raw_lines = text.split("\n")
    lines = [Line(r) for r in raw_lines]
    unit_idx = [i for i, l in enumerate(lines) if l.nw > 0]
    units = [lines[i] for i in unit_idx]
    n = len(units)
    if n == 0:
        return [], []

    shapes = [shape_features(u) for u in units]
    total_words = sum(u.nw for u in units)
    prose_words = sum(u.nw for u in units if u.prose)
    n_prose = sum(1 for u in units if u.prose)

    # --- page-level indentation of prose: the indent carrying most prose words -------
    by_indent = {}
    for u in units:
        if u.prose:
            by_indent[u.indent] = by_indent.get(u.indent, 0) + u.nw
    prose_indent = max(sorted(by_indent), key=lambda k: by_indent[k]) if by_indent else -1

    # --- region ------------------------------------------------------------------------
    region = main_region(units)
    if region:
        r0, r1 = region
        region_words = sum(u.nw for u in units[r0:r1 + 1])
        rin = {}
        for u in units[r0:r1 + 1]:
            if u.prose:
                rin[u.indent] = rin.get(u.indent, 0) + u.nw
        region_indent = max(sorted(rin), key=lambda k: rin[k]) if rin else -1
    else:
        r0, r1, region_words, region_indent = -1, -2, 0, -1

    # looser / stricter regions (non-prose units cost less / more)
    loose = main_region(units, 0.5, 0.1) or (0, -1)
    strict = main_region(units, 6.0, 1.0) or (0, -1)

    # --- containers: the maximal run of units around unit k whose indentation is at
    # least indent(k) - d (d = 0, 2, 6): a stand-in for the DOM element holding the
    # line. For each, its size and share of prose words. One linear scan per distinct
    # threshold value (few distinct indents per page).
    container = {}
    indents = [u.indent for u in units]
    for d in (0, 2, 6):
        words_in = [0] * n
        prose_in = [0] * n
        units_in = [0] * n
        wanted = {}
        for k in range(n):
            wanted.setdefault(max(0, indents[k] - d), []).append(k)
        for t, members in wanted.items():
            # segments of consecutive units with indent >= t
            seg_of = [-1] * n
            segs = []
            k = 0
            while k < n:
                if indents[k] >= t:
                    j = k
                    w = pw = 0
                    while j < n and indents[j] >= t:
                        w += units[j].nw
                        pw += units[j].nw if units[j].prose else 0
                        seg_of[j] = len(segs)
                        j += 1
                    segs.append((j - k, w, pw))
                    k = j
                else:
                    k += 1
            for k in members:
                units_in[k], words_in[k], prose_in[k] = segs[seg_of[k]]
        container[d] = (units_in, words_in, prose_in)

    # --- gaps: lines without words between units ------------------------------------
    gap_before = [0] * n
    gap_after = [0] * n
    for k in range(n):
        gap_before[k] = unit_idx[k] - (unit_idx[k - 1] if k else -1) - 1
        gap_after[k] = (unit_idx[k + 1] if k + 1 < n else len(lines)) - unit_idx[k] - 1

    # --- blocks: maximal runs of units with no gap between them ------------------------
    block_id = [0] * n
    for k in range(1, n):
        block_id[k] = block_id[k - 1] + (1 if gap_before[k] > 0 else 0)
    block_units, block_words, block_prose = {}, {}, {}
    for k, u in enumerate(units):
        b = block_id[k]
        block_units[b] = block_units.get(b, 0) + 1
        block_words[b] = block_words.get(b, 0) + u.nw
        block_prose[b] = block_prose.get(b, 0) + (u.nw if u.prose else 0)

    # --- repeated text: how many other units have the same words -----------------------
    counts = {}
    for u in units:
        counts[u.folded] = counts.get(u.folded, 0) + 1

    # --- runs: consecutive menu-like units; consecutive units with same indent+marker --
    menu_run = [0] * n
    k = 0
    while k < n:
        if units[k].menu_like:
            j = k
            while j < n and units[j].menu_like:
                j += 1
            for m in range(k, j):
                menu_run[m] = j - k
            k = j
        else:
            k += 1
    list_run = [0] * n
    k = 0
    while k < n:
        key = (units[k].indent, units[k].bullet, units[k].numbered)
        j = k
        while j < n and (units[j].indent, units[j].bullet, units[j].numbered) == key:
            j += 1
        for m in range(k, j):
            list_run[m] = j - k
        k = j

    # --- distance to nearest prose unit above / below ----------------------------------
    CAP = 20
    dist_prev_prose = [CAP] * n
    dist_next_prose = [CAP] * n
    last = None
    for k in range(n):
        if last is not None:
            dist_prev_prose[k] = min(CAP, k - last)
        if units[k].prose:
            last = k
    last = None
    for k in range(n - 1, -1, -1):
        if last is not None:
            dist_next_prose[k] = min(CAP, last - k)
        if units[k].prose:
            last = k

    # prefix sums for windowed prose density
    pre_p = [0]
    pre_pw = [0]
    pre_w = [0]
    for u in units:
        pre_p.append(pre_p[-1] + u.prose)
        pre_pw.append(pre_pw[-1] + (u.nw if u.prose else 0))
        pre_w.append(pre_w[-1] + u.nw)

    def window(k, r):
        a, b = max(0, k - r), min(n, k + r + 1)
        return (pre_p[b] - pre_p[a]) / (b - a), (pre_pw[b] - pre_pw[a]) / max(1, pre_w[b] - pre_w[a])

    rows = []
    for k, u in enumerate(units):
        f = dict(shapes[k])
        # position
        f["p_pos"] = k / n
        f["p_word_pos"] = pre_w[k] / max(1, total_words)
        # page level
        f["g_log_units"] = math.log1p(n)
        f["g_log_words"] = math.log1p(total_words)
        f["g_prose_word_share"] = prose_words / max(1, total_words)
        f["g_log_prose_units"] = math.log1p(n_prose)
        f["g_region_word_share"] = region_words / max(1, total_words)
        # repetition, gaps
        f["r_repeats"] = min(5, counts[u.folded] - 1)
        f["b_gap_before"] = min(3, gap_before[k])
        f["b_gap_after"] = min(3, gap_after[k])
        # block
        b = block_id[k]
        f["b_block_units"] = min(30, block_units[b])
        f["b_block_log_words"] = math.log1p(block_words[b])
        f["b_block_prose_share"] = block_prose[b] / max(1, block_words[b])
        # indentation relative to prose
        f["i_rel_prose_indent"] = u.indent - prose_indent if prose_indent >= 0 else 0
        f["i_eq_prose_indent"] = float(u.indent == prose_indent)
        f["i_rel_region_indent"] = u.indent - region_indent if region_indent >= 0 else 0
        f["i_d_prev"] = u.indent - units[k - 1].indent if k else 0
        f["i_d_next"] = u.indent - units[k + 1].indent if k + 1 < n else 0
        # region
        f["g_in_region"] = float(r0 <= k <= r1)
        f["g_before_region"] = math.log1p(r0 - k) if k < r0 else 0.0
        f["g_after_region"] = math.log1p(k - r1) if (region and k > r1) else 0.0
        f["g_no_region"] = float(region is None)
        f["g_title_slot"] = float(region is not None and k == r0 - 1)
        f["g_in_loose_region"] = float(loose[0] <= k <= loose[1])
        f["g_in_strict_region"] = float(strict[0] <= k <= strict[1])
        # containers
        for d in (0, 2, 6):
            cu, cw, cp = container[d]
            f[f"k{d}_log_units"] = math.log1p(cu[k])
            f[f"k{d}_word_share"] = cw[k] / max(1, total_words)
            f[f"k{d}_prose_share"] = cp[k] / max(1, cw[k])
        # runs
        f["r_menu_run"] = min(30, menu_run[k])
        f["r_list_run"] = min(30, list_run[k])
        # prose context
        f["c_dist_prev_prose"] = dist_prev_prose[k]
        f["c_dist_next_prose"] = dist_next_prose[k]
        d2, dw2 = window(k, 2)
        d5, dw5 = window(k, 5)
        f["c_prose_density2"] = d2
        f["c_prose_density5"] = d5
        f["c_prose_wshare2"] = dw2
        f["c_prose_wshare5"] = dw5
        # neighbours
        for d in (1, 2, 3):
            for sign, tag in ((-1, "p"), (1, "n")):
                m = k + sign * d
                ok = 0 <= m < n
                keys = NEIGHBOUR_KEYS + (NEIGHBOUR_KEYS_NEAR if d == 1 else ())
                for key in keys:
                    f[f"{tag}{d}_{key[2:]}"] = shapes[m][key] if ok else -1.0
                f[f"{tag}{d}_bullet"] = float(units[m].bullet > 0 or units[m].numbered) if ok else -1.0
                f[f"{tag}{d}_d_indent"] = (units[m].indent - u.indent) if ok else 0.0
        rows.append(f)
    if EXTRA:
        for f, e in zip(rows, extra_features(units, shapes, gap_before, region, block_id, counts)):
            f.update(e)
    names = list(rows[0].keys())
    return unit_idx, [[r[k] for k in names] for r in rows], names


# ------------------------------------------------------------------ extra features
# Session 11 research (not ported to Swift; off unless PARE_LCV_EXTRA=1 or
# features.EXTRA = True). Three groups, each one or two linear passes over the units:
#   t_  topic overlap: a unit's content words (not stop words, not digits, >= 2
#       characters, a trailing "s" dropped) against the vocabulary of the region's
#       prose, of all prose, and of a title-like line
#   y_  shape periodicity: a coarse shape signature per unit; runs where it repeats
#       with period 1..6 (grids of cards: name / price / rating)
#   h_  page-level context copied to every row (price lines, region position, ...)

EXTRA = os.environ.get("PARE_LCV_EXTRA", "") not in ("", "0")
MAX_PERIOD = 6


def content_key(w):
    """The vocabulary key of a word, or None for stop words, digits, 1-char tokens."""
    if len(w) < 2 or w in STOPWORDS or w.isdigit():
        return None
    return w[:-1] if len(w) > 3 and w.endswith("s") else w


def word_bucket(nw):
    return 0 if nw <= 1 else 1 if nw == 2 else 2 if nw <= 4 else 3 if nw <= 8 else 4 if nw <= 16 else 5


def periodic_runs(sig, p):
    """For each unit, the length of the longest run covering it in which sig repeats
    with period p (sig[j] == sig[j - p] for every j of the run but its first p units);
    0 when no such run of >= p + 1 units covers it."""
    n = len(sig)
    out = [0] * n
    j = p
    while j < n:
        if sig[j] == sig[j - p]:
            s = j
            while j < n and sig[j] == sig[j - p]:
                j += 1
            e = j - 1
            length = e - s + 1 + p
            for k in range(s - p, e + 1):
                if length > out[k]:
                    out[k] = length
        else:
            j += 1
    return out


def extra_features(units, shapes, gap_before, region, block_id, counts):
    """Per-unit dicts of the t_, y_ and h_ features."""
    n = len(units)
    r0, r1 = region if region else (-1, -2)
    keys = []
    for u in units:
        ks = set()
        for w in u.words:
            c = content_key(w)
            if c is not None:
                ks.add(c)
        keys.append(ks)
    in_rp = [r0 <= k <= r1 and units[k].prose for k in range(n)]
    # document frequencies: region prose, all prose, whole page
    df_reg, df_prose, df_page = {}, {}, {}
    for k in range(n):
        for c in keys[k]:
            df_page[c] = df_page.get(c, 0) + 1
            if units[k].prose:
                df_prose[c] = df_prose.get(c, 0) + 1
            if in_rp[k]:
                df_reg[c] = df_reg.get(c, 0) + 1
    has_reg = bool(df_reg)
    if not has_reg:            # no region prose: the page's prose stands in
        df_reg_use, in_ref = df_prose, [u.prose for u in units]
    else:
        df_reg_use, in_ref = df_reg, in_rp
    have_ref = bool(df_reg_use)

    # title-like unit: before the region (anywhere when none), 2..20 words, not prose,
    # most content words shared with the reference vocabulary (ties: the later one)
    title, best = -1, 0
    for k in range(n if r0 < 0 else r0):
        u = units[k]
        if u.prose or not (2 <= u.nw <= 20):
            continue
        sc = sum(1 for c in keys[k] if df_reg_use.get(c, 0) > 0)
        if sc >= best and sc > 0:
            title, best = k, sc
    tkeys = keys[title] if title >= 0 else set()

    ov_reg = [0] * n     # content words also in the reference vocabulary (self excluded)
    ov_prose = [0] * n
    local = [0] * n      # content words found in no other unit
    dfsum = [0.0] * n
    for k in range(n):
        for c in keys[k]:
            if df_reg_use.get(c, 0) - (1 if in_ref[k] else 0) > 0:
                ov_reg[k] += 1
            if df_prose.get(c, 0) - (1 if units[k].prose else 0) > 0:
                ov_prose[k] += 1
            d = df_page[c]
            if d == 1:
                local[k] += 1
            dfsum[k] += math.log(d)
    # block sums of overlaps
    blk_ov, blk_n = {}, {}
    for k in range(n):
        b = block_id[k]
        blk_ov[b] = blk_ov.get(b, 0) + ov_reg[k]
        blk_n[b] = blk_n.get(b, 0) + len(keys[k])
    pre_ov, pre_n = [0], [0]
    for k in range(n):
        pre_ov.append(pre_ov[-1] + ov_reg[k])
        pre_n.append(pre_n[-1] + len(keys[k]))

    # --- periodicity -------------------------------------------------------------------
    fine, coarse = [], []
    for k, u in enumerate(units):
        sh = shapes[k]
        s = u.stripped
        fl = next((c for c in s if c.isalpha()), "")
        caps = 2 if sh["s_upper_share"] > 0.8 else (1 if fl.isupper() else 0)
        dig = 2 if sh["s_currency"] else (1 if sh["s_digit_share"] > 0 else 0)
        term = 1 if sh["s_end_sentence"] else (2 if sh["s_end_colon"] else 0)
        mark = u.bullet + (8 if u.numbered else 0)
        gap = 1 if gap_before[k] > 0 else 0
        fine.append((word_bucket(u.nw), caps, dig, term, min(u.indent, 40), mark, gap))
        cw = 0 if u.nw <= 3 else (1 if u.nw <= 10 else 2)
        coarse.append((cw, dig, 1 if mark else 0, min(u.indent, 40)))
    runs_f = [periodic_runs(fine, p) for p in range(1, MAX_PERIOD + 1)]
    runs_c = [periodic_runs(coarse, p) for p in range(1, MAX_PERIOD + 1)]

    def best_multi(runs, k):
        """(repetitions, period, run length) of the best period >= 2 covering k."""
        br, bp, bl = 0.0, 0, 0
        for p in range(2, MAX_PERIOD + 1):
            length = runs[p - 1][k]
            if length >= 2 * p and length / p > br:
                br, bp, bl = length / p, p, length
        return br, bp, bl

    multi_f = [best_multi(runs_f, k) for k in range(n)]
    multi_c = [best_multi(runs_c, k) for k in range(n)]

    # --- page level --------------------------------------------------------------------
    n_cur = sum(1 for sh in shapes if sh["s_currency"])
    n_dig = sum(1 for sh in shapes if sh["s_digit_share"] > 0)
    n_menu = sum(1 for u in units if u.menu_like)
    n_bul = sum(1 for u in units if u.bullet or u.numbered)
    n_short = sum(1 for u in units if u.nw <= 4)
    n_sent = sum(1 for sh in shapes if sh["s_end_sentence"])
    n_rep = sum(1 for u in units if counts[u.folded] > 1)
    n_per = sum(1 for m in multi_f if m[0] >= 3)
    n_per1 = sum(1 for r in runs_f[0] if r >= 3)
    max_prose = max((u.nw for u in units if u.prose), default=0)
    if region:
        rw = sum(u.nw for u in units[r0:r1 + 1])
        rpw = sum(u.nw for u in units[r0:r1 + 1] if u.prose)
    else:
        rw = rpw = 0
    tot_keys = sum(len(ks) for ks in keys)
    tot_ov = sum(ov_reg)
    page = {
        "h_currency_share": n_cur / n,
        "h_digit_share": n_dig / n,
        "h_menu_share": n_menu / n,
        "h_bullet_share": n_bul / n,
        "h_short_share": n_short / n,
        "h_sentence_share": n_sent / n,
        "h_repeat_share": n_rep / n,
        "h_periodic_share": n_per / n,
        "h_run1_share": n_per1 / n,
        "h_log_max_prose": math.log1p(max_prose),
        "h_region_start": r0 / n if region else -1.0,
        "h_region_end": r1 / n if region else -1.0,
        "h_region_units_share": (r1 - r0 + 1) / n if region else 0.0,
        "h_region_prose_share": rpw / max(1, rw),
        "h_title_found": float(title >= 0),
        "h_title_pos": title / n if title >= 0 else -1.0,
        "h_ref_overlap": tot_ov / max(1, tot_keys),
        "h_log_vocab": math.log1p(len(df_page)),
    }

    # --- secondary regions (e_): the segments of the region scan (a new one starts
    # each time the running score drops to <= 0); each segment's peak score, and
    # whether the unit lies between the segment's start and its peak
    seg_peak = [0.0] * n
    in_peak = [0] * n
    best_all = 0.0
    cur, start, peak, peak_end = 0.0, 0, 0.0, -1
    segs = []
    for k, u in enumerate(units):
        if cur <= 0:
            if k:
                segs.append((start, k - 1, peak, peak_end))
            cur, start, peak, peak_end = 0.0, k, 0.0, k - 1
        cur += u.nw if u.prose else -(NONPROSE_LINE_PENALTY + NONPROSE_WORD_PENALTY * u.nw)
        if cur > peak:
            peak, peak_end = cur, k
    segs.append((start, n - 1, peak, peak_end))
    for a, b, pk, pe in segs:
        best_all = max(best_all, pk)
        for j in range(a, b + 1):
            seg_peak[j] = pk
            in_peak[j] = 1 if j <= pe else 0
    # rank of the unit's segment among the segments by peak (0 = the region's)
    peaks_sorted = sorted({pk for _, _, pk, _ in segs if pk > 0}, reverse=True)
    rank_of = {pk: i for i, pk in enumerate(peaks_sorted)}

    rows = []
    for k in range(n):
        nk = len(keys[k])
        f = {}
        u = units[k]
        nwords = len(u.words)
        f["e_self_repeat"] = 1.0 - len(set(u.words)) / nwords if nwords else 0.0
        st = u.stripped
        pn = 0
        i = st.find("(")
        while i >= 0:
            j = i + 1
            while j < len(st) and st[j].isdigit():
                j += 1
            if j > i + 1 and j < len(st) and st[j] == ")":
                pn += 1
            i = st.find("(", i + 1)
        f["e_paren_num"] = min(5, pn)
        f["e_seg_log_peak"] = math.log1p(seg_peak[k])
        f["e_seg_rel"] = seg_peak[k] / best_all if best_all > 0 else 0.0
        f["e_in_seg_peak"] = float(in_peak[k] and seg_peak[k] > 0)
        f["e_seg_rank"] = min(5, rank_of[seg_peak[k]]) if seg_peak[k] > 0 else 6
        f["t_content_words"] = nk
        f["t_ov_ref"] = ov_reg[k] / nk if (nk and have_ref) else -1.0
        f["t_ov_ref_n"] = ov_reg[k]
        f["t_ov_prose"] = ov_prose[k] / nk if (nk and df_prose) else -1.0
        f["t_ov_title"] = (len(keys[k] & tkeys) / nk if nk else 0.0) if title >= 0 else -1.0
        f["t_is_title"] = float(k == title)
        f["t_title_dist"] = (math.copysign(math.log1p(abs(k - title)), k - title)) if title >= 0 else 0.0
        f["t_local"] = local[k] / nk if nk else -1.0
        f["t_df_mean"] = dfsum[k] / nk if nk else 0.0
        b = block_id[k]
        f["t_block_ov"] = blk_ov[b] / blk_n[b] if (blk_n[b] and have_ref) else -1.0
        a, e = max(0, k - 2), min(n, k + 3)
        f["t_win2_ov"] = (pre_ov[e] - pre_ov[a]) / (pre_n[e] - pre_n[a]) if (pre_n[e] > pre_n[a] and have_ref) else -1.0
        a, e = max(0, k - 5), min(n, k + 6)
        f["t_win5_ov"] = (pre_ov[e] - pre_ov[a]) / (pre_n[e] - pre_n[a]) if (pre_n[e] > pre_n[a] and have_ref) else -1.0
        f["y_run1"] = min(30, runs_f[0][k])
        f["y_reps"] = min(30.0, multi_f[k][0])
        f["y_period"] = multi_f[k][1]
        f["y_run"] = min(60, multi_f[k][2])
        f["y_c_run1"] = min(30, runs_c[0][k])
        f["y_c_reps"] = min(30.0, multi_c[k][0])
        f["y_c_period"] = multi_c[k][1]
        f.update(page)
        rows.append(f)
    return rows
