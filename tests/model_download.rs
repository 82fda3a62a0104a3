//! The model downloader against a real HTTP server on 127.0.0.1: resume, restart, checksum
//! failures, truncation, HTTP errors, stalls and cancellation.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rehearse::asr::catalog::Checksum;
use rehearse::asr::download::{download, partial_path, DownloadError, DownloadOptions, Expected};
use rehearse::progress::{Cancel, Progress};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// What the test server does with each request.
#[derive(Clone, Copy)]
enum Behavior {
    /// Serve the payload; answer Range requests with 206 when `honor_range`.
    Serve {
        honor_range: bool,
    },
    /// Promise the whole payload, send `after` bytes, then close the connection.
    Truncate {
        after: usize,
    },
    /// Send `after` bytes, then go silent for `hold` before closing.
    Stall {
        after: usize,
        hold: Duration,
    },
    /// Accept the request and answer nothing for `hold`.
    Silent {
        hold: Duration,
    },
    Status(u16),
}

/// (path, Range header) of every request the server saw.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

struct Server {
    base: String,
    seen: Seen,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    fn start(payload: Vec<u8>, behavior: Behavior) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let payload = Arc::new(payload);
        let (seen2, stop2) = (seen.clone(), stop.clone());
        let accept = std::thread::spawn(move || {
            // Bounded: the test drops the server, which stops this loop.
            while !stop2.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (payload, seen) = (payload.clone(), seen2.clone());
                        std::thread::spawn(move || handle(stream, &payload, behavior, &seen));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            base,
            seen,
            stop,
            accept: Some(accept),
        }
    }

    fn url(&self) -> String {
        format!("{}/ggml-test.bin", self.base)
    }

    fn seen(&self) -> Vec<(String, Option<String>)> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.accept.take() {
            h.join().unwrap();
        }
    }
}

fn handle(stream: TcpStream, payload: &[u8], behavior: Behavior, seen: &Seen) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    let mut range = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("range") {
                range = Some(v.trim().to_string());
            }
        }
    }
    seen.lock().unwrap().push((path, range.clone()));
    let mut out = stream;
    let len = payload.len();
    let head = |status: &str, extra: String, body_len: usize| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Length: {body_len}\r\nConnection: close\r\n{extra}\r\n"
        )
    };
    match behavior {
        Behavior::Status(code) => {
            let _ = out.write_all(head(&format!("{code} Nope"), String::new(), 0).as_bytes());
        }
        Behavior::Serve { honor_range } => {
            let start = range.filter(|_| honor_range).and_then(|r| {
                r.strip_prefix("bytes=")?
                    .strip_suffix('-')?
                    .parse::<usize>()
                    .ok()
            });
            match start {
                Some(s) if s >= len => {
                    let _ = out.write_all(
                        head(
                            "416 Range Not Satisfiable",
                            format!("Content-Range: bytes */{len}\r\n"),
                            0,
                        )
                        .as_bytes(),
                    );
                }
                Some(s) => {
                    let cr = format!("Content-Range: bytes {s}-{}/{len}\r\n", len - 1);
                    let _ = out.write_all(head("206 Partial Content", cr, len - s).as_bytes());
                    let _ = out.write_all(&payload[s..]);
                }
                None => {
                    let _ = out.write_all(head("200 OK", String::new(), len).as_bytes());
                    let _ = out.write_all(payload);
                }
            }
        }
        Behavior::Truncate { after } => {
            let _ = out.write_all(head("200 OK", String::new(), len).as_bytes());
            let _ = out.write_all(&payload[..after]);
        }
        Behavior::Silent { hold } => std::thread::sleep(hold),
        Behavior::Stall { after, hold } => {
            let _ = out.write_all(head("200 OK", String::new(), len).as_bytes());
            let _ = out.write_all(&payload[..after]);
            let _ = out.flush();
            std::thread::sleep(hold);
        }
    }
    let _ = out.flush();
}

fn payload(len: usize) -> Vec<u8> {
    let mut x = 0x2545_f491_u32;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

fn expected_for(data: &[u8]) -> Expected {
    Expected {
        size: Some(data.len() as u64),
        checksums: vec![
            Checksum::Sha256(hex::encode(Sha256::digest(data))),
            Checksum::Sha1(hex::encode(Sha1::digest(data))),
        ],
    }
}

fn quick() -> DownloadOptions {
    DownloadOptions {
        stall_timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(5),
        cancel: Cancel::new(),
    }
}

fn no_progress() -> impl FnMut(Progress) + Send {
    |_| {}
}

#[test]
fn downloads_verifies_and_reports_progress() {
    let data = payload(300_000);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: true });
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("models/ggml-test.bin");
    let mut events = Vec::new();
    let done = download(
        &server.url(),
        &dest,
        &expected_for(&data),
        &quick(),
        &mut |p| events.push(p),
    )
    .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    assert_eq!(done.bytes, 300_000);
    assert_eq!(done.resumed_from, 0);
    assert_eq!(done.sha256, hex::encode(Sha256::digest(&data)));
    assert!(!partial_path(&dest).exists());
    let downloads: Vec<_> = events.iter().filter(|p| p.stage == "download").collect();
    assert!(downloads.len() > 2, "{events:?}");
    assert!(downloads.windows(2).all(|w| w[0].done <= w[1].done));
    assert_eq!(downloads.last().unwrap().done, 300_000);
    assert!(downloads.iter().all(|p| p.total == Some(300_000)));
    assert_eq!(events.last().unwrap().stage, "verify");
    assert_eq!(server.seen(), vec![("/ggml-test.bin".to_string(), None)]);
}

#[test]
fn resumes_from_partial_with_a_range_request() {
    let data = payload(250_000);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: true });
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("ggml-test.bin");
    std::fs::write(partial_path(&dest), &data[..100_000]).unwrap();
    let mut first_done = None;
    let done = download(
        &server.url(),
        &dest,
        &expected_for(&data),
        &quick(),
        &mut |p| {
            first_done.get_or_insert(p.done);
        },
    )
    .unwrap();
    assert_eq!(done.resumed_from, 100_000);
    assert_eq!(
        first_done,
        Some(100_000),
        "progress starts where the partial ends"
    );
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    assert_eq!(
        server.seen(),
        vec![(
            "/ggml-test.bin".to_string(),
            Some("bytes=100000-".to_string())
        )]
    );
}

#[test]
fn restarts_when_the_server_ignores_range() {
    let data = payload(200_000);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: false });
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("ggml-test.bin");
    // Garbage in the partial proves the restart rewrote it rather than appending to it.
    std::fs::write(partial_path(&dest), vec![0xAA; 50_000]).unwrap();
    let done = download(
        &server.url(),
        &dest,
        &expected_for(&data),
        &quick(),
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    assert_eq!(done.bytes, 200_000);
    assert_eq!(server.seen()[0].1.as_deref(), Some("bytes=50000-"));
}

#[test]
fn wrong_hash_deletes_the_file_and_names_both_hashes() {
    let data = payload(120_000);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: true });
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("ggml-test.bin");
    let wrong = hex::encode(Sha256::digest(b"something else"));
    let expected = Expected {
        size: Some(data.len() as u64),
        checksums: vec![Checksum::Sha256(wrong.clone())],
    };
    let err = download(
        &server.url(),
        &dest,
        &expected,
        &quick(),
        &mut no_progress(),
    )
    .unwrap_err();
    let actual = hex::encode(Sha256::digest(&data));
    match &err {
        DownloadError::ChecksumMismatch {
            algorithm,
            expected,
            actual: got,
            ..
        } => {
            assert_eq!(*algorithm, "SHA-256");
            assert_eq!(expected, &wrong);
            assert_eq!(got, &actual);
        }
        other => panic!("expected a checksum mismatch, got {other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains(&wrong) && msg.contains(&actual) && msg.contains("deleted"),
        "{msg}"
    );
    assert!(!dest.exists());
    assert!(!partial_path(&dest).exists());
}

#[test]
fn sha1_alone_is_checked() {
    let data = payload(70_000);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: true });
    let dir = tempfile::tempdir().unwrap();
    let good = Expected {
        size: None,
        checksums: vec![Checksum::Sha1(hex::encode(Sha1::digest(&data)))],
    };
    download(
        &server.url(),
        &dir.path().join("a.bin"),
        &good,
        &quick(),
        &mut no_progress(),
    )
    .unwrap();
    let bad = Expected {
        size: None,
        checksums: vec![Checksum::Sha1(hex::encode(Sha1::digest(b"x")))],
    };
    let err = download(
        &server.url(),
        &dir.path().join("b.bin"),
        &bad,
        &quick(),
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            DownloadError::ChecksumMismatch {
                algorithm: "SHA-1",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn truncated_body_keeps_the_partial_and_the_next_run_resumes() {
    let data = payload(400_000);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("ggml-test.bin");
    {
        let server = Server::start(data.clone(), Behavior::Truncate { after: 150_000 });
        let err = download(
            &server.url(),
            &dest,
            &expected_for(&data),
            &quick(),
            &mut no_progress(),
        )
        .unwrap_err();
        match &err {
            DownloadError::Truncated {
                expected, received, ..
            } => {
                assert_eq!((*expected, *received), (400_000, 150_000));
            }
            other => panic!("expected truncation, got {other:?}"),
        }
        assert!(err.to_string().contains("150000 of 400000"), "{err}");
        assert!(err.is_source_failure());
    }
    assert_eq!(std::fs::read(partial_path(&dest)).unwrap(), data[..150_000]);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: true });
    let done = download(
        &server.url(),
        &dest,
        &expected_for(&data),
        &quick(),
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(done.resumed_from, 150_000);
    assert_eq!(std::fs::read(&dest).unwrap(), data);
    assert_eq!(server.seen()[0].1.as_deref(), Some("bytes=150000-"));
}

#[test]
fn http_404_and_500_are_specific_errors() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("ggml-test.bin");
    let data = payload(10);
    let missing = Server::start(Vec::new(), Behavior::Status(404));
    let err = download(
        &missing.url(),
        &dest,
        &expected_for(&data),
        &quick(),
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, DownloadError::NotFound { url } if url == &missing.url()),
        "{err:?}"
    );
    assert!(err.to_string().contains("404"));
    assert!(
        !partial_path(&dest).exists(),
        "nothing is written for an error status"
    );

    let broken = Server::start(Vec::new(), Behavior::Status(500));
    let err = download(
        &broken.url(),
        &dest,
        &expected_for(&data),
        &quick(),
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(
        matches!(err, DownloadError::HttpStatus { status: 500, .. }),
        "{err:?}"
    );
}

#[test]
fn stall_ends_with_a_stall_error_within_the_timeout() {
    let data = payload(200_000);
    let server = Server::start(
        data.clone(),
        Behavior::Stall {
            after: 50_000,
            hold: Duration::from_secs(6),
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("ggml-test.bin");
    let opts = DownloadOptions {
        stall_timeout: Duration::from_millis(500),
        ..quick()
    };
    let started = Instant::now();
    let err = download(
        &server.url(),
        &dest,
        &expected_for(&data),
        &opts,
        &mut no_progress(),
    )
    .unwrap_err();
    let took = started.elapsed();
    match &err {
        DownloadError::Stalled {
            received, timeout, ..
        } => {
            assert_eq!(*received, 50_000);
            assert_eq!(*timeout, Duration::from_millis(500));
        }
        other => panic!("expected a stall, got {other:?}"),
    }
    assert!(
        took < Duration::from_secs(3),
        "stall detected after {took:?}"
    );
    assert!(err.to_string().contains("no data for 0.5 s"), "{err}");
    assert_eq!(
        std::fs::metadata(partial_path(&dest)).unwrap().len(),
        50_000
    );
}

#[test]
fn a_server_that_never_answers_is_a_stall_too() {
    let data = payload(1_000);
    let server = Server::start(
        data.clone(),
        Behavior::Silent {
            hold: Duration::from_secs(5),
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let opts = DownloadOptions {
        stall_timeout: Duration::from_millis(300),
        ..quick()
    };
    let started = Instant::now();
    let err = download(
        &server.url(),
        &dir.path().join("x.bin"),
        &expected_for(&data),
        &opts,
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(
        matches!(err, DownloadError::Stalled { received: 0, .. }),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn cancellation_stops_and_keeps_the_partial() {
    let data = payload(2_000_000);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: true });
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("ggml-test.bin");
    let opts = quick();
    let cancel = opts.cancel.clone();
    let err = download(
        &server.url(),
        &dest,
        &expected_for(&data),
        &opts,
        &mut |p: Progress| {
            if p.done >= 100_000 {
                cancel.cancel();
            }
        },
    )
    .unwrap_err();
    let DownloadError::Cancelled { received, partial } = err else {
        panic!("expected cancellation, got {err:?}");
    };
    assert!((100_000..2_000_000).contains(&received), "{received}");
    assert_eq!(std::fs::metadata(&partial).unwrap().len(), received);
    assert!(!dest.exists());
}

#[test]
fn refuses_entries_without_checksums_before_any_request() {
    let server = Server::start(payload(10), Behavior::Serve { honor_range: true });
    let dir = tempfile::tempdir().unwrap();
    let unverifiable = Expected {
        size: Some(10),
        checksums: vec![],
    };
    let err = download(
        &server.url(),
        &dir.path().join("x.bin"),
        &unverifiable,
        &quick(),
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(matches!(err, DownloadError::NoChecksum { .. }), "{err:?}");
    assert!(!err.is_source_failure());
    assert!(server.seen().is_empty());
}

#[test]
fn size_different_from_the_catalog_is_refused() {
    let data = payload(5_000);
    let server = Server::start(data.clone(), Behavior::Serve { honor_range: true });
    let dir = tempfile::tempdir().unwrap();
    let mut expected = expected_for(&data);
    expected.size = Some(4_000);
    let err = download(
        &server.url(),
        &dir.path().join("x.bin"),
        &expected,
        &quick(),
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            DownloadError::SizeMismatch {
                expected: 4_000,
                actual: 5_000,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn unreachable_host_is_a_source_failure() {
    // Bind then drop a listener: nothing listens on that port any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let data = payload(10);
    let url = format!("http://127.0.0.1:{port}/ggml-test.bin");
    let err = download(
        &url,
        &dir.path().join("x.bin"),
        &expected_for(&data),
        &quick(),
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(matches!(err, DownloadError::Unreachable { .. }), "{err:?}");
    assert!(err.is_source_failure());
    assert!(!Path::new(&partial_path(&dir.path().join("x.bin"))).exists());
}
