#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Pare

/// The `main` of a fuzz target built without libFuzzer: runs the target once over each
/// file named on the command line (and each file directly inside a named folder), so a
/// crash input or a whole corpus replays with nothing but `swift build`.
public enum Replay {
    /// - Parameters:
    ///   - name: the target's name, for the usage line.
    ///   - body: the target's test function (what `LLVMFuzzerTestOneInput` calls).
    public static func main(name: String, _ body: (UnsafeRawBufferPointer) -> Void) -> Never {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: \(name) FILE-OR-FOLDER...  (runs each input once; built with -D PARE_FUZZING it is a libFuzzer target)")
            exit(2)
        }
        var count = 0
        for path in paths {
            for file in files(at: path) {
                let bytes: [UInt8]
                do {
                    bytes = try FileBytes.read(path: file)
                } catch {
                    print("\(name): \(error)")
                    exit(1)
                }
                bytes.withUnsafeBytes(body)
                count += 1
            }
        }
        print("\(name): \(count) input(s) ran without a failure")
        exit(0)
    }

    /// `path` itself, or the regular files directly inside it when it is a folder,
    /// sorted so runs are repeatable.
    private static func files(at path: String) -> [String] {
        guard let directory = opendir(path) else { return [path] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            var info = stat()
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            if stat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { names.append(full) }
        }
        return names.sorted()
    }
}
