//! `yusuan serve` through its HTTP interface: the real binary on a free
//! port, spoken to over raw TCP (an HTTP client library would normalise
//! the `..` paths these tests must send as they are).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_yusuan");

/// A running server, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    uploads: PathBuf,
    /// Lines the server printed on stderr so far.
    stderr: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--no-open"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start yusuan serve");
        let mut line = String::new();
        let out = child.stdout.take().expect("stdout");
        BufReader::new(out).read_line(&mut line).expect("address");
        let addr = line
            .trim()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|e| panic!("address {line:?}: {e}"));
        let err = BufReader::new(child.stderr.take().expect("stderr"));
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let lines = std::sync::Arc::clone(&stderr);
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || {
            for l in err.lines().map_while(Result::ok) {
                if let Some(p) = l.strip_prefix("yusuan serve: uploads kept in ") {
                    let _ = tx.send(PathBuf::from(p));
                }
                lines.lock().expect("stderr lines").push(l);
            }
        });
        let uploads = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("uploads folder");
        Server {
            child,
            addr,
            uploads,
            stderr,
        }
    }

    fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, "", &[])
    }

    fn upload(&self, files: &[(&str, &[u8])]) -> Response {
        let (ctype, body) = multipart(files);
        request(self.addr, "POST", "/api/convert", &ctype, &body)
    }

    fn upload_json(&self, files: &[(&str, &[u8])]) -> serde_json::Value {
        let r = self.upload(files);
        assert_eq!(r.status, 200, "{}", r.text());
        serde_json::from_slice(&r.body).expect("JSON")
    }

    fn signal(&mut self, sig: &str) -> std::process::ExitStatus {
        // The shell's own `kill`: no procps needed.
        let cmd = format!("kill {sig} {}", self.child.id());
        let sent = Command::new("sh")
            .args(["-c", &cmd])
            .status()
            .expect("kill");
        assert!(sent.success(), "{cmd}");
        self.child.wait().expect("wait")
    }
}

impl Drop for Server {
    /// Stops the server as Ctrl-C would, so that it removes its upload
    /// folder; killed if it does not stop within a few seconds.
    fn drop(&mut self) {
        let cmd = format!("kill -TERM {}", self.child.id());
        let _ = Command::new("sh").args(["-c", &cmd]).status();
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request on its own connection, path sent byte for byte.
fn request(addr: SocketAddr, method: &str, path: &str, ctype: &str, body: &[u8]) -> Response {
    request_as(&addr.to_string(), addr, method, path, ctype, body)
}

/// A request naming `host` in its `Host` header.
fn request_as(
    host: &str,
    addr: SocketAddr,
    method: &str,
    path: &str,
    ctype: &str,
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    if !ctype.is_empty() {
        head.push_str(&format!("Content-Type: {ctype}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes()).expect("send head");
    // The server may answer (413) and close before the body is all sent.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let rest = &raw[split + 4..];
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Response { status, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&b[..eol]).expect("size").trim(), 16)
            .expect("hex size");
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "yusuan-test-boundary-7d3f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(Path::new("samples").join(name)).expect("sample")
}

/// What `yusuan convert NAME… -o DIR --xlsx` writes, run in samples/ so
/// that `source` is the bare name, as for an upload.
fn cli_convert(names: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(BIN)
        .current_dir("samples")
        .arg("convert")
        .args(names)
        .arg("-o")
        .arg(dir.path())
        .args(["--xlsx", "-q"])
        .output()
        .expect("run convert");
    (dir, out)
}

fn doc<'a>(v: &'a serde_json::Value, source: &str) -> &'a serde_json::Value {
    v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["source"] == source)
        .unwrap_or_else(|| panic!("no document {source} in {v}"))
}

#[test]
fn binds_loopback_by_default_and_serves_the_page() {
    let s = Server::start(&[]);
    assert!(s.addr.ip().is_loopback(), "{}", s.addr);
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("预算"), "{}", page.text());
    assert_eq!(s.get("/assets/app.js").status, 200);
    assert_eq!(s.get("/assets/style.css").status, 200);
    // Another interface of this machine does not reach it.
    if let Some(ip) = outward_ip() {
        let other = SocketAddr::new(ip, s.addr.port());
        assert!(
            TcpStream::connect_timeout(&other, Duration::from_secs(2)).is_err(),
            "reachable on {other}"
        );
    }
}

#[test]
fn another_site_pointing_its_name_here_is_refused() {
    let s = Server::start(&[]);
    let v = s.upload_json(&[("seed-gzast.txt", &sample("seed-gzast.txt"))]);
    let link = doc(&v, "seed-gzast.txt")["files"]["projects.csv"]
        .as_str()
        .expect("link")
        .to_string();
    let port = s.addr.port();
    for host in [
        format!("evil.example:{port}"),
        "127.0.0.1".into(),
        String::new(),
    ] {
        let r = request_as(&host, s.addr, "GET", &link, "", &[]);
        assert_eq!(r.status, 403, "Host {host:?}: {}", r.text());
    }
    let r = request_as(&format!("localhost:{port}"), s.addr, "GET", &link, "", &[]);
    assert_eq!(r.status, 200);
}

#[test]
fn another_interface_only_when_asked_and_with_a_warning() {
    let quiet = Server::start(&[]);
    let said = quiet.stderr.lock().expect("stderr").join("\n");
    assert!(!said.contains("warning"), "{said}");
    let open = Server::start(&["--host", "0.0.0.0"]);
    assert!(open.addr.ip().is_unspecified(), "{}", open.addr);
    let said = open.stderr.lock().expect("stderr").join("\n");
    assert!(
        said.contains("warning: listening on 0.0.0.0:") && said.contains("other machines"),
        "{said}"
    );
}

/// This machine's address on its default route, if it has one (a UDP
/// connect sends nothing).
fn outward_ip() -> Option<std::net::IpAddr> {
    let sock = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    sock.connect("10.255.255.255:9").ok()?;
    let ip = sock.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn paths_outside_the_page_are_404_encoded_or_not() {
    let s = Server::start(&[]);
    let v = s.upload_json(&[("seed-gzast.txt", &sample("seed-gzast.txt"))]);
    let id = doc(&v, "seed-gzast.txt")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let paths = [
        "/../../etc/passwd".to_string(),
        "/assets/../../etc/passwd".into(),
        "/assets/..%2f..%2fetc%2fpasswd".into(),
        "/%2e%2e/%2e%2e/etc/passwd".into(),
        "/assets/%2e%2e/%2e%2e/etc/passwd".into(),
        "/assets/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".into(),
        "/assets/%252e%252e%252f%252e%252e%252fetc%252fpasswd".into(),
        "/%252e%252e/%252e%252e/etc/passwd".into(),
        "/assets/..%5c..%5cetc%5cpasswd".into(),
        "/etc/passwd".into(),
        "/assets/index.html".into(),
        format!("/api/documents/{id}/files/..%2f..%2f..%2fetc%2fpasswd"),
        format!("/api/documents/{id}/files/../../../../etc/passwd"),
        format!("/api/documents/{id}/files/%252e%252e%252fetc%252fpasswd"),
        "/api/documents/..%2f..%2fetc/files/passwd".into(),
        format!("/api/documents/{id}/tables/-1"),
        format!("/api/documents/{id}/tables/99/csv"),
    ];
    for p in &paths {
        let r = s.get(p);
        assert_eq!(r.status, 404, "{p}: {}", r.text());
        assert!(!r.text().contains("root:"), "{p}");
    }
}

#[test]
fn an_upload_over_the_limit_gets_413_and_the_server_goes_on() {
    let s = Server::start(&["--max-size", "1"]);
    let big = vec![b'a'; 3 << 20];
    let r = s.upload(&[("big.txt", &big)]);
    assert_eq!(r.status, 413, "{}", r.text());
    let v = s.upload_json(&[("seed-gzast.txt", &sample("seed-gzast.txt"))]);
    assert_eq!(doc(&v, "seed-gzast.txt")["status"], "ok");
    // Just over the limit, within the multipart slack: still refused.
    let r = s.upload(&[("edge.txt", &vec![b'a'; (1 << 20) + 10])]);
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn downloads_are_byte_identical_to_the_cli() {
    let s = Server::start(&[]);
    let names = ["seed-gzast.txt", "kjfw-cid.pdf"];
    let files: Vec<(&str, Vec<u8>)> = names.iter().map(|n| (*n, sample(n))).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let v = s.upload_json(&refs);
    for name in names {
        let d = doc(&v, name);
        assert_eq!(d["status"], "ok", "{d}");
        let (dir, _) = cli_convert(&[name]);
        // Every file the CLI wrote, and no other, is offered.
        let mut written: Vec<String> = std::fs::read_dir(dir.path())
            .expect("cli output")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            // The publish manifest is bookkeeping of the output folder, not an output.
            .filter(|n| n != ".yusuan.manifest")
            .collect();
        written.sort();
        let mut offered: Vec<String> = d["files"]
            .as_object()
            .expect("files")
            .keys()
            .cloned()
            .collect();
        offered.sort();
        assert_eq!(offered, written, "{name}");
        for f in &written {
            let r = s.get(d["files"][f].as_str().expect("link"));
            let want = std::fs::read(dir.path().join(f)).expect("cli output");
            if f.ends_with(".xlsx") {
                assert_eq!(xlsx_parts(&r.body), xlsx_parts(&want), "{name} {f}");
            } else {
                assert!(r.body == want, "{name} {f} differs from the CLI's");
            }
        }
    }
    // The PDF's ruled table, as `yusuan tables` writes it.
    let pdf = doc(&v, "kjfw-cid.pdf");
    let ruled = pdf["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["kind"] == "table")
        .expect("a ruled table");
    let dir = tempfile::tempdir().expect("tempdir");
    let st = Command::new(BIN)
        .current_dir("samples")
        .args(["tables", "kjfw-cid.pdf", "-o"])
        .arg(dir.path())
        .stdout(Stdio::null())
        .status()
        .expect("tables");
    assert!(st.success());
    let name = ruled["csv_name"].as_str().expect("csv name");
    let want = std::fs::read(dir.path().join(name)).expect("tables csv");
    assert!(s.get(ruled["csv"].as_str().expect("csv")).body == want);
    // Everything as a zip: what `convert A B` writes together.
    let ids = names.map(|n| doc(&v, n)["id"].as_str().expect("id").to_string());
    let z = s.get(&format!("/api/zip?ids={}", ids.join(",")));
    assert_eq!(z.status, 200);
    let (all, _) = cli_convert(&names);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(z.body)).expect("zip");
    for f in [
        "documents.json",
        "projects.csv",
        "indicators.csv",
        "report.json",
    ] {
        let mut got = Vec::new();
        zip.by_name(f)
            .expect(f)
            .read_to_end(&mut got)
            .expect("read");
        assert!(
            got == std::fs::read(all.path().join(f)).expect("cli"),
            "zip {f}"
        );
    }
    assert!(zip.by_name(&format!("tables/kjfw-cid/{name}")).is_ok());
}

#[test]
fn every_table_csv_is_what_yusuan_tables_writes() {
    let s = Server::start(&[]);
    for path in [
        "seed-gzast.txt",
        "kjfw-cid.pdf",
        "html-two-tables.html",
        "sources/nm-wh-xlsx-sheets.xlsx",
    ] {
        let (folder, name) = path.rsplit_once('/').unwrap_or((".", path));
        let v = s.upload_json(&[(name, &sample(path))]);
        let d = doc(&v, name);
        let dir = tempfile::tempdir().expect("tempdir");
        let st = Command::new(BIN)
            .current_dir(Path::new("samples").join(folder))
            .args(["tables", name, "-q", "-o"])
            .arg(dir.path())
            .stdout(Stdio::null())
            .status()
            .expect("tables");
        assert!(st.success(), "{path}");
        let mut written: Vec<String> = std::fs::read_dir(dir.path())
            .expect("tables output")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".csv") && n != "tables.csv")
            .collect();
        written.sort();
        let tables: Vec<&serde_json::Value> = d["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .filter(|t| t["kind"] == "table")
            .collect();
        let mut offered: Vec<String> = tables
            .iter()
            .map(|t| t["csv_name"].as_str().expect("csv name").to_string())
            .collect();
        offered.sort();
        assert_eq!(offered, written, "{path}");
        for t in tables {
            let want = std::fs::read(dir.path().join(t["csv_name"].as_str().expect("name")))
                .expect("tables csv");
            let got = s.get(t["csv"].as_str().expect("csv link")).body;
            assert!(got == want, "{path}: {} differs", t["csv_name"]);
        }
    }
}

/// An XLSX's parts but its creation time (docProps/core.xml), which the
/// CLI's own runs differ in too.
fn xlsx_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("xlsx is a zip");
    let mut parts = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("part");
        let name = f.name().expect("part name").to_string();
        if name == "docProps/core.xml" {
            continue;
        }
        let mut b = Vec::new();
        f.read_to_end(&mut b).expect("read part");
        parts.push((name, b));
    }
    parts
}

#[test]
fn twenty_concurrent_uploads_all_complete_correctly() {
    let s = Server::start(&["--jobs", "2"]);
    let names = [
        "seed-gzast.txt",
        "kjfw-text.txt",
        "two-tables.txt",
        "html-two-level.html",
    ];
    let expected: Vec<Vec<u8>> = names
        .iter()
        .map(|n| {
            let (dir, _) = cli_convert(&[n]);
            std::fs::read(dir.path().join("projects.csv")).expect("cli projects")
        })
        .collect();
    let addr = s.addr;
    let threads: Vec<_> = (0..20)
        .map(|i| {
            let name = names[i % names.len()];
            let bytes = sample(name);
            std::thread::spawn(move || {
                let (ctype, body) = multipart(&[(name, &bytes)]);
                let r = request(addr, "POST", "/api/convert", &ctype, &body);
                assert_eq!(r.status, 200, "{name}: {}", r.text());
                let v: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
                let link = doc(&v, name)["files"]["projects.csv"]
                    .as_str()
                    .expect("link")
                    .to_string();
                (i, request(addr, "GET", &link, "", &[]).body)
            })
        })
        .collect();
    for t in threads {
        let (i, got) = t.join().expect("upload thread");
        assert!(got == expected[i % names.len()], "upload {i} differs");
    }
}

#[test]
fn hostile_files_do_not_stop_the_server() {
    let s = Server::start(&["--timeout", "3", "--jobs", "2"]);
    let deep = format!(
        "<html><body>{}<table><tr><td>项目名称</td></tr></table>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let v = s.upload_json(&[("deep.html", deep.as_bytes())]);
    let d = doc(&v, "deep.html");
    assert_ne!(d["status"], "ok", "{d}");
    let v = s.upload_json(&[("bomb.pdf", &pdf_bomb())]);
    assert_eq!(doc(&v, "bomb.pdf")["status"], "failed");
    let v = s.upload_json(&[("random.txt", &sample("bad/random-bytes.txt"))]);
    assert_eq!(doc(&v, "random.txt")["status"], "failed");
    // Still serving, and still converting.
    assert_eq!(s.get("/").status, 200);
    let v = s.upload_json(&[("seed-gzast.txt", &sample("seed-gzast.txt"))]);
    assert_eq!(doc(&v, "seed-gzast.txt")["status"], "ok");
}

/// One page whose content stream inflates from 1.6 MiB to 256 MiB.
fn pdf_bomb() -> Vec<u8> {
    let data = zlib_spaces(256 << 20);
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
    ];
    let mut stream = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        data.len()
    )
    .into_bytes();
    stream.extend_from_slice(&data);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A zlib stream of `n` spaces, written directly (compressing 256 MiB in
/// a debug build would take half a minute): one fixed-Huffman block of a
/// literal and back-references of 258 bytes at distance 1.
fn zlib_spaces(n: u64) -> Vec<u8> {
    let mut w = Bits::default();
    w.put(1, 1); // final block
    w.put(1, 2); // fixed Huffman codes
    let literal = |w: &mut Bits| w.code(0x30 + 0x20, 8);
    literal(&mut w);
    let runs = (n - 1) / 258;
    for _ in 0..runs {
        w.code(0b1100_0101, 8); // length code 285: 258 bytes
        w.code(0, 5); // distance code 0: distance 1
    }
    for _ in 0..(n - 1) % 258 {
        literal(&mut w);
    }
    w.code(0, 7); // end of block
    let mut out = vec![0x78, 0x01];
    out.extend(w.finish());
    // Adler-32 of n bytes of value c, in closed form.
    let (m, c) = (65521u64, 0x20u64);
    let a = (1 + n % m * c) % m;
    let b = (n % m + c * ((n as u128 * (n as u128 + 1) / 2) % m as u128) as u64) % m;
    out.extend_from_slice(&((b << 16 | a) as u32).to_be_bytes());
    out
}

/// A deflate bit stream: values least significant bit first, Huffman
/// codes most significant bit first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u32,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        for i in 0..bits {
            self.acc |= ((value >> i) & 1) << self.used;
            self.used += 1;
            if self.used == 8 {
                self.out.push(self.acc as u8);
                self.acc = 0;
                self.used = 0;
            }
        }
    }
    fn code(&mut self, code: u32, bits: u32) {
        let reversed = (0..bits).fold(0, |r, i| r | ((code >> i) & 1) << (bits - 1 - i));
        self.put(reversed, bits);
    }
    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

#[test]
fn the_bomb_is_a_valid_zlib_stream() {
    let bytes = zlib_spaces(1_000_003);
    let mut d = flate2::read::ZlibDecoder::new(&bytes[..]);
    let mut out = Vec::new();
    d.read_to_end(&mut out)
        .expect("inflates, Adler-32 included");
    assert_eq!(out.len(), 1_000_003);
    assert!(out.iter().all(|&b| b == b' '));
}

#[test]
fn a_bad_file_shows_the_clis_reason() {
    let s = Server::start(&[]);
    for name in [
        "bad/random-bytes.txt",
        "bad/empty.txt",
        "bad/not-a-table.txt",
    ] {
        let base = name.trim_start_matches("bad/");
        let v = s.upload_json(&[(base, &sample(name))]);
        let d = doc(&v, base);
        let out = Command::new(BIN)
            .current_dir("samples/bad")
            .args(["convert", base, "-o"])
            .arg(tempfile::tempdir().expect("tempdir").path())
            .output()
            .expect("convert");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let reason = d["error"].as_str().expect("an error line");
        assert!(
            stderr.lines().any(|l| l.ends_with(reason)),
            "{reason} not in {stderr}"
        );
    }
}

#[test]
fn preview_marks_repaired_rows_and_failed_checks() {
    let s = Server::start(&[]);
    let seed = String::from_utf8(sample("seed-gzast.txt")).expect("utf-8");
    let broken = seed.replacen("TZMMZX\t30.00\t30.00", "TZMMZX\t30.00\t31.00", 1);
    assert_ne!(seed, broken);
    let v = s.upload_json(&[
        ("seed-gzast.txt", seed.as_bytes()),
        ("broken.txt", broken.as_bytes()),
    ]);
    let p = preview(&s, doc(&v, "seed-gzast.txt"));
    let rows = p["rows"].as_array().expect("rows");
    let repaired: Vec<_> = rows.iter().filter(|r| !r["repaired"].is_null()).collect();
    assert!(!repaired.is_empty(), "no repaired row");
    assert_eq!(repaired[0]["repaired"]["kind"], "joined_pages");
    let failed = |rows: &[serde_json::Value]| -> Vec<(String, usize)> {
        rows.iter()
            .flat_map(|r| {
                let name = r["cells"][0]["text"].as_str().unwrap_or("").to_string();
                let cells = r["cells"].as_array().cloned().unwrap_or_default();
                cells
                    .into_iter()
                    .enumerate()
                    .filter(|(_, c)| c["failed"].as_array().is_some_and(|f| !f.is_empty()))
                    .map(move |(i, _)| (name.clone(), i))
            })
            .collect()
    };
    assert!(failed(rows).is_empty());
    let b = doc(&v, "broken.txt");
    assert!(
        b["tables"][0]["checks_failed"].as_u64().unwrap_or(0) > 0,
        "{b}"
    );
    let p = preview(&s, b);
    let marked = failed(p["rows"].as_array().expect("rows"));
    assert!(marked.contains(&("TZMMZX".to_string(), 1)), "{marked:?}");
}

fn preview(s: &Server, d: &serde_json::Value) -> serde_json::Value {
    let r = s.get(d["tables"][0]["preview"].as_str().expect("preview link"));
    assert_eq!(r.status, 200);
    serde_json::from_slice(&r.body).expect("preview json")
}

#[test]
fn a_zip_of_a_folder_is_its_files() {
    let s = Server::start(&[]);
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("downloads/seed-gzast.txt", sample("seed-gzast.txt")),
        ("downloads/sub/two-tables.txt", sample("two-tables.txt")),
        ("downloads/readme.md", b"not an input".to_vec()),
    ] {
        z.start_file(name, opts).expect("zip entry");
        z.write_all(&bytes).expect("zip write");
    }
    let bytes = z.finish().expect("zip").into_inner();
    let v = s.upload_json(&[("downloads.zip", &bytes)]);
    let sources: Vec<&str> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["source"].as_str())
        .collect();
    assert_eq!(
        sources,
        ["downloads/seed-gzast.txt", "downloads/sub/two-tables.txt"]
    );
}

#[test]
fn the_upload_folder_is_removed_on_ctrl_c_and_sigterm() {
    for sig in ["-INT", "-TERM"] {
        let mut s = Server::start(&[]);
        s.upload_json(&[("seed-gzast.txt", &sample("seed-gzast.txt"))]);
        assert!(s.uploads.is_dir(), "{}", s.uploads.display());
        let status = s.signal(sig);
        assert!(status.success(), "{sig}: {status}");
        assert!(
            !s.uploads.exists(),
            "{sig}: {} left behind",
            s.uploads.display()
        );
    }
    // Stopped as soon as it said where it listens.
    let mut s = Server::start(&[]);
    assert!(s.signal("-TERM").success());
    assert!(!s.uploads.exists(), "{} left behind", s.uploads.display());
}
