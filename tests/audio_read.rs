//! WAV reading in every common layout, the specific errors for unusable files, and the
//! crash-tolerant writer (a real SIGKILL, a real write failure, header repair).
//!
//! Fixtures are generated at test time with hound: sines of known frequency and amplitude.

use std::f64::consts::PI;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rehearse::audio::wav::{self, AudioError, SampleKind};
use rehearse::audio::writer::{repair, WavWriter};

const FREQ: f64 = 1000.0;
const AMP: f64 = 0.5;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Writes `secs` of a FREQ Hz sine at AMP on every channel.
fn write_sine(path: &Path, rate: u32, channels: u16, bits: u16, float: bool, secs: f64) -> usize {
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: bits,
        sample_format: if float {
            hound::SampleFormat::Float
        } else {
            hound::SampleFormat::Int
        },
    };
    let frames = (f64::from(rate) * secs) as usize;
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    let full = f64::from((1u32 << (bits - 1)) - 1);
    for i in 0..frames {
        let x = AMP * (2.0 * PI * FREQ * i as f64 / f64::from(rate)).sin();
        for _ in 0..channels {
            if float {
                w.write_sample(x as f32).unwrap();
            } else {
                w.write_sample((x * full).round() as i32).unwrap();
            }
        }
    }
    w.finalize().unwrap();
    frames
}

fn rms(x: &[f32]) -> f64 {
    (x.iter().map(|&s| f64::from(s) * f64::from(s)).sum::<f64>() / x.len() as f64).sqrt()
}

/// Frequency from the rising zero crossings between the first and the last one.
fn zero_crossing_hz(x: &[f32], rate: f64) -> f64 {
    let ups: Vec<usize> = (1..x.len())
        .filter(|&i| x[i - 1] < 0.0 && x[i] >= 0.0)
        .collect();
    let (first, last) = (ups[0], *ups.last().unwrap());
    (ups.len() - 1) as f64 * rate / (last - first) as f64
}

/// Goertzel power at `hz`, normalised so a full-scale sine gives about 0.25.
fn goertzel(x: &[f32], rate: f64, hz: f64) -> f64 {
    let w = 2.0 * PI * hz / rate;
    let c = 2.0 * w.cos();
    let (mut s1, mut s2) = (0.0f64, 0.0f64);
    for &v in x {
        let s0 = f64::from(v) + c * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    (s1 * s1 + s2 * s2 - c * s1 * s2) / (x.len() as f64).powi(2)
}

#[test]
fn every_layout_reads_back_at_16k_with_amplitude_and_frequency_kept() {
    let dir = tmp();
    let layouts: &[(u16, bool)] = &[
        (8, false),
        (16, false),
        (24, false),
        (32, false),
        (32, true),
    ];
    let mut checked = 0;
    for &(bits, float) in layouts {
        for channels in [1u16, 2, 6] {
            for rate in [8_000u32, 22_050, 44_100, 48_000, 96_000] {
                let label = format!(
                    "{bits}-bit {} {channels}ch {rate} Hz",
                    if float { "float" } else { "int" }
                );
                let path = dir
                    .path()
                    .join(format!("{bits}{float}{channels}_{rate}.wav"));
                let frames = write_sine(&path, rate, channels, bits, float, 1.5);

                let info = wav::probe(&path).unwrap();
                assert_eq!(info.sample_rate, rate, "{label}");
                assert_eq!(info.channels, channels, "{label}");
                assert_eq!(info.bits_per_sample, bits, "{label}");
                assert_eq!(
                    info.sample_kind,
                    if float {
                        SampleKind::Float
                    } else {
                        SampleKind::Int
                    }
                );
                assert_eq!(info.frames, frames as u64, "{label}");
                assert!(!info.truncated);
                assert!(
                    (info.duration_s - 1.5).abs() < 1e-3,
                    "{label}: {}",
                    info.duration_s
                );

                let audio = wav::read(&path).unwrap();
                let expected_len = (frames as u64 * 16_000).div_ceil(u64::from(rate)) as usize;
                assert_eq!(audio.samples.len(), expected_len, "{label}");
                assert!((audio.duration_s() - 1.5).abs() < 1e-3, "{label}");
                // Skip the edges, where the resampler's filter sees the start and end.
                let mid = &audio.samples[800..audio.samples.len() - 800];
                let want_rms = AMP / 2f64.sqrt();
                let tol = if bits == 8 { 0.01 } else { 0.002 };
                assert!(
                    (rms(mid) - want_rms).abs() < tol,
                    "{label}: rms {}",
                    rms(mid)
                );
                let hz = zero_crossing_hz(mid, 16_000.0);
                assert!((hz - FREQ).abs() < 1.0, "{label}: {hz} Hz");
                let on = goertzel(mid, 16_000.0, FREQ);
                let off = goertzel(mid, 16_000.0, 1_500.0);
                assert!(on > 1e4 * off, "{label}: tone {on} vs off-tone {off}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 75);
}

#[test]
fn channels_are_averaged_not_summed_or_dropped() {
    let dir = tmp();
    let path = dir.path().join("opposite.wav");
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&path, spec).unwrap();
    for i in 0..16_000 {
        let x = (8000.0 * (2.0 * PI * 440.0 * f64::from(i) / 16_000.0).sin()) as i16;
        w.write_sample(x).unwrap(); // left: the tone
        w.write_sample(4000i16).unwrap(); // right: DC at 4000/32768
    }
    w.finalize().unwrap();
    let s = wav::read_16k_mono(&path).unwrap();
    assert_eq!(s.len(), 16_000);
    let mean = s.iter().map(|&v| f64::from(v)).sum::<f64>() / s.len() as f64;
    assert!((mean - 2000.0 / 32768.0).abs() < 1e-3, "mean {mean}");
    let ac: Vec<f32> = s.iter().map(|&v| v - mean as f32).collect();
    assert!((rms(&ac) - 4000.0 / 32768.0 / 2f64.sqrt()).abs() < 1e-3);
}

#[test]
fn write_16k_mono_round_trips_within_quantisation() {
    let dir = tmp();
    let path = dir.path().join("w.wav");
    let src: Vec<f32> = (0..20_000)
        .map(|i| (0.7 * (i as f32 * 0.05).sin()) + if i == 5 { 3.0 } else { 0.0 })
        .collect();
    wav::write_16k_mono(&path, &src).unwrap();
    let back = wav::read_16k_mono(&path).unwrap();
    assert_eq!(back.len(), src.len());
    for (i, (a, b)) in src.iter().zip(&back).enumerate() {
        let want = a.clamp(-1.0, 1.0);
        assert!(
            (want - b).abs() <= 1.0 / 32767.0,
            "sample {i}: {want} vs {b}"
        );
    }
}

/// A hand-made 44-byte header, for layouts hound refuses to write.
fn header(tag: u16, channels: u16, rate: u32, bits: u16, data_len: u32) -> Vec<u8> {
    let block = channels * bits.div_ceil(8);
    let mut h = Vec::new();
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&(36 + data_len).to_le_bytes());
    h.extend_from_slice(b"WAVEfmt ");
    h.extend_from_slice(&16u32.to_le_bytes());
    h.extend_from_slice(&tag.to_le_bytes());
    h.extend_from_slice(&channels.to_le_bytes());
    h.extend_from_slice(&rate.to_le_bytes());
    h.extend_from_slice(&(rate * u32::from(block)).to_le_bytes());
    h.extend_from_slice(&block.to_le_bytes());
    h.extend_from_slice(&bits.to_le_bytes());
    h.extend_from_slice(b"data");
    h.extend_from_slice(&data_len.to_le_bytes());
    h
}

fn file_with(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn unusable_files_get_specific_errors() {
    let dir = tmp();
    let d = dir.path();
    let with_audio = |mut h: Vec<u8>| {
        h.extend(std::iter::repeat_n(0u8, 4000));
        h
    };

    let text = file_with(
        d,
        "notes.wav",
        b"These are my interview notes, not audio.\n",
    );
    let e = wav::read(&text).unwrap_err();
    assert!(
        matches!(&e, AudioError::NotWav { reason, .. } if reason == "missing RIFF header"),
        "{e}"
    );
    assert!(e.to_string().contains("not a WAV file"), "{e}");

    let empty = file_with(d, "empty.wav", b"");
    let e = wav::read(&empty).unwrap_err();
    assert!(
        matches!(&e, AudioError::NotWav { reason, .. } if reason.contains("empty")),
        "{e}"
    );

    let riff_only = file_with(d, "avi.wav", b"RIFF\x10\x00\x00\x00AVI LIST");
    assert!(matches!(
        wav::read(&riff_only),
        Err(AudioError::NotWav { .. })
    ));

    let header_only = file_with(d, "header.wav", &header(1, 1, 16_000, 16, 0));
    let e = wav::read(&header_only).unwrap_err();
    assert!(
        matches!(
            e,
            AudioError::NoSamples {
                declared_bytes: 0,
                available_bytes: 0,
                ..
            }
        ),
        "{e}"
    );

    let promised = file_with(d, "promised.wav", &header(1, 1, 16_000, 16, 32_000));
    let e = wav::read(&promised).unwrap_err();
    assert!(
        matches!(
            e,
            AudioError::NoSamples {
                declared_bytes: 32_000,
                available_bytes: 0,
                ..
            }
        ),
        "{e}"
    );

    let zero_ch = file_with(d, "zero.wav", &with_audio(header(1, 0, 16_000, 16, 4000)));
    let e = wav::read(&zero_ch).unwrap_err();
    assert!(matches!(e, AudioError::ZeroChannels { .. }), "{e}");
    assert!(e.to_string().contains("0 channels"), "{e}");

    for rate in [1u32, 1_000_000] {
        let p = file_with(
            d,
            &format!("rate{rate}.wav"),
            &with_audio(header(1, 1, rate, 16, 4000)),
        );
        let e = wav::read(&p).unwrap_err();
        assert!(
            matches!(e, AudioError::SampleRateOutOfRange { rate: r, .. } if r == rate),
            "{e}"
        );
    }

    let many = file_with(d, "many.wav", &with_audio(header(1, 40, 16_000, 16, 4000)));
    let e = wav::read(&many).unwrap_err();
    assert!(
        matches!(e, AudioError::TooManyChannels { channels: 40, .. }),
        "{e}"
    );

    let twelve = file_with(d, "12bit.wav", &with_audio(header(1, 1, 16_000, 12, 4000)));
    let e = wav::read(&twelve).unwrap_err();
    assert!(
        matches!(
            e,
            AudioError::UnsupportedBitDepth {
                bits: 12,
                kind: "integer",
                ..
            }
        ),
        "{e}"
    );

    let double = file_with(d, "f64.wav", &with_audio(header(3, 1, 16_000, 64, 4000)));
    let e = wav::read(&double).unwrap_err();
    assert!(
        matches!(
            e,
            AudioError::UnsupportedBitDepth {
                bits: 64,
                kind: "float",
                ..
            }
        ),
        "{e}"
    );

    let alaw = file_with(d, "alaw.wav", &with_audio(header(6, 1, 8_000, 8, 4000)));
    let e = wav::read(&alaw).unwrap_err();
    assert!(
        matches!(
            e,
            AudioError::UnsupportedEncoding {
                tag: 6,
                name: "A-law",
                ..
            }
        ),
        "{e}"
    );

    let missing = d.join("does-not-exist.wav");
    assert!(matches!(wav::read(&missing), Err(AudioError::Open { .. })));
}

#[test]
fn truncated_file_gives_the_audio_that_is_there() {
    let dir = tmp();
    let path = dir.path().join("cut.wav");
    write_sine(&path, 44_100, 2, 16, false, 2.0);
    let full_len = fs::metadata(&path).unwrap().len();
    // Keep the header and 0.75 s of frames, plus half a frame of garbage at the end.
    let keep = 44 + 33_075 * 4 + 2;
    assert!(keep < full_len);
    let f = fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(keep).unwrap();
    drop(f);

    let audio = wav::read(&path).unwrap();
    assert!(audio.info.truncated);
    assert_eq!(audio.info.declared_frames, 88_200);
    assert_eq!(audio.info.frames, 33_075);
    assert!((audio.info.duration_s - 0.75).abs() < 1e-6);
    assert_eq!(audio.samples.len(), 12_000);
    let mid = &audio.samples[800..11_200];
    assert!((rms(mid) - AMP / 2f64.sqrt()).abs() < 0.002);
}

// ---- the writer ----

fn sine16k(secs: f64) -> Vec<f32> {
    (0..(16_000.0 * secs) as usize)
        .map(|i| (AMP * (2.0 * PI * 440.0 * i as f64 / 16_000.0).sin()) as f32)
        .collect()
}

#[test]
fn writer_round_trips_in_ragged_chunks() {
    let dir = tmp();
    let path = dir.path().join("rec.wav");
    let src = sine16k(3.3);
    let mut w = WavWriter::create(&path).unwrap();
    let mut i = 0;
    let mut step = 7;
    while i < src.len() {
        let end = (i + step).min(src.len());
        w.append(&src[i..end]).unwrap();
        i = end;
        step = step * 13 % 3001 + 1;
    }
    let done = w.finish().unwrap();
    assert_eq!(done.samples, src.len() as u64);
    let r = hound::WavReader::open(&path).unwrap();
    assert_eq!(r.spec().sample_rate, 16_000);
    assert_eq!(r.spec().channels, 1);
    assert_eq!(r.spec().bits_per_sample, 16);
    let back: Vec<i16> = r.into_samples().map(Result::unwrap).collect();
    assert_eq!(back.len(), src.len());
    for (a, b) in src.iter().zip(&back) {
        assert_eq!(wav::f32_to_i16(*a), *b);
    }
}

#[test]
fn open_writer_file_is_readable_and_survives_being_forgotten() {
    let dir = tmp();
    let path = dir.path().join("open.wav");
    let mut w = WavWriter::create(&path).unwrap();
    for chunk in sine16k(3.25).chunks(160) {
        w.append(chunk).unwrap();
    }
    let while_open = hound::WavReader::open(&path).unwrap();
    let n = while_open.len();
    assert!(n >= 2 * 16_000, "only {n} samples readable while recording");
    assert_eq!(
        while_open
            .into_samples::<i16>()
            .filter(Result::is_ok)
            .count(),
        n as usize
    );
    std::mem::forget(w);
    let after = hound::WavReader::open(&path).unwrap();
    assert!(after.duration() >= 2 * 16_000, "{}", after.duration());
}

#[test]
fn dropping_a_writer_without_finish_keeps_everything() {
    let dir = tmp();
    let path = dir.path().join("dropped.wav");
    let mut w = WavWriter::create(&path).unwrap();
    w.append(&sine16k(1.7)).unwrap();
    assert_eq!(w.samples(), 27_200);
    drop(w);
    assert_eq!(hound::WavReader::open(&path).unwrap().duration(), 27_200);
}

/// Runs one ignored test of this binary in a child process.
fn child(test: &str, out: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([
        "--exact",
        test,
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("REHEARSE_CHILD_OUT", out);
    c
}

#[test]
#[ignore = "child process of writer_survives_sigkill"]
fn writer_child_waits_to_be_killed() {
    let out =
        PathBuf::from(std::env::var_os("REHEARSE_CHILD_OUT").expect("run by the parent test"));
    let mut w = WavWriter::create(&out).unwrap();
    for chunk in sine16k(4.5).chunks(320) {
        w.append(chunk).unwrap();
    }
    println!("WRITTEN");
    std::thread::sleep(std::time::Duration::from_secs(60));
    unreachable!("the parent kills this process");
}

#[test]
fn writer_survives_sigkill() {
    let dir = tmp();
    let path = dir.path().join("killed.wav");
    let mut c = child("writer_child_waits_to_be_killed", &path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(c.stdout.take().unwrap()).lines();
    assert!(
        lines.any(|l| l.unwrap().contains("WRITTEN")),
        "child did not write"
    );
    c.kill().unwrap(); // SIGKILL: no destructor, no flush
    let status = c.wait().unwrap();
    assert!(!status.success());

    let r = hound::WavReader::open(&path).unwrap();
    let secs = r.duration() as f64 / 16_000.0;
    assert!((3.5..=4.5).contains(&secs), "{secs} s survived of 4.5 s");
    let samples: Vec<i16> = r.into_samples().map(Result::unwrap).collect();
    let src = sine16k(4.5);
    assert!(samples
        .iter()
        .zip(&src)
        .all(|(b, a)| wav::f32_to_i16(*a) == *b));
    // Header and data agree, so there is nothing to repair.
    assert!(!repair(&path).unwrap().changed);
}

#[test]
#[ignore = "child process of write_failure_keeps_a_valid_file"]
fn writer_child_hits_file_size_limit() {
    let out =
        PathBuf::from(std::env::var_os("REHEARSE_CHILD_OUT").expect("run by the parent test"));
    // A file-size limit makes write(2) fail mid-recording exactly like a full disk would.
    let limit = 44 + 32_000 * 3 + 10_000;
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rl = libc::rlimit {
            rlim_cur: limit,
            rlim_max: limit,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rl), 0);
    }
    let mut w = WavWriter::create(&out).unwrap();
    let mut err = None;
    for chunk in sine16k(10.0).chunks(1600) {
        if let Err(e) = w.append(chunk) {
            err = Some(e);
            break;
        }
    }
    let e = err.expect("the size limit must stop the writer");
    println!("ERROR: {e}");
    assert!(
        matches!(e, AudioError::StorageFull { kept_s, .. } if kept_s == 3.0),
        "{e:?}"
    );
    assert!(
        w.append(&[0.0; 10]).is_err(),
        "a failed writer refuses more audio"
    );
}

#[test]
fn write_failure_keeps_a_valid_file() {
    let dir = tmp();
    let path = dir.path().join("full.wav");
    let out = child("writer_child_hits_file_size_limit", &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("ran out of space writing"), "{stdout}");
    assert_eq!(fs::metadata(&path).unwrap().len(), 44 + 96_000);
    let r = hound::WavReader::open(&path).unwrap();
    assert_eq!(r.duration(), 48_000);
    assert_eq!(
        r.into_samples::<i16>().filter(Result::is_ok).count(),
        48_000
    );
}

#[test]
fn repair_fixes_a_stale_header_from_the_file_length() {
    let dir = tmp();
    let path = dir.path().join("stale.wav");
    let mut w = WavWriter::create(&path).unwrap();
    w.append(&sine16k(2.0)).unwrap();
    w.finish().unwrap();
    // What a writer killed between its data write and its header refresh leaves: 1.5 s more
    // audio plus an odd byte, under a header that still says 2 s.
    let mut bytes = fs::read(&path).unwrap();
    for s in sine16k(1.5) {
        bytes.extend_from_slice(&wav::f32_to_i16(s).to_le_bytes());
    }
    bytes.push(0x7f);
    fs::write(&path, &bytes).unwrap();
    assert_eq!(hound::WavReader::open(&path).unwrap().duration(), 32_000);

    let report = repair(&path).unwrap();
    assert!(report.changed);
    assert_eq!(report.declared_bytes, 64_000);
    assert_eq!(report.data_bytes, 112_000);
    assert_eq!(report.trimmed_bytes, 1);
    assert!((report.duration_s - 3.5).abs() < 1e-9);
    let r = hound::WavReader::open(&path).unwrap();
    assert_eq!(r.duration(), 56_000);
    assert_eq!(
        r.into_samples::<i16>().filter(Result::is_ok).count(),
        56_000
    );
    assert!(
        !repair(&path).unwrap().changed,
        "a second repair has nothing to do"
    );

    // A header that claims more than the file has is shrunk to what is there.
    let over = file_with(dir.path(), "over.wav", &{
        let mut h = header(1, 1, 16_000, 16, 1_000_000);
        h.extend(std::iter::repeat_n(0u8, 3_200));
        h
    });
    let report = repair(&over).unwrap();
    assert_eq!(report.data_bytes, 3_200);
    assert!((report.duration_s - 0.1).abs() < 1e-9);
    assert_eq!(hound::WavReader::open(&over).unwrap().duration(), 1_600);
}

#[test]
fn repair_refuses_files_with_chunks_after_the_data() {
    let dir = tmp();
    let mut bytes = header(1, 1, 16_000, 16, 3_200);
    bytes.extend(std::iter::repeat_n(0u8, 3_200));
    bytes.extend_from_slice(b"LIST");
    bytes.extend_from_slice(&12u32.to_le_bytes());
    bytes.extend_from_slice(b"INFOISFT\x00\x00\x00\x00");
    let riff = (bytes.len() - 8) as u32;
    bytes[4..8].copy_from_slice(&riff.to_le_bytes());
    let path = file_with(dir.path(), "list.wav", &bytes);
    let e = repair(&path).unwrap_err();
    assert!(
        matches!(&e, AudioError::Repair { reason, .. } if reason.contains("LIST")),
        "{e}"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "the file must be left untouched"
    );

    let text = file_with(dir.path(), "text.wav", b"hello");
    assert!(matches!(repair(&text), Err(AudioError::NotWav { .. })));
}
