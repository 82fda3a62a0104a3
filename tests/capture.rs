//! Capture through a real (virtual) microphone: PulseAudio's `virtmic`, reached by cpal's ALSA
//! host. Set it up with `tests/support/virtual-audio.sh start` and export
//! `REHEARSE_VIRTUAL_MIC=1`; without it these tests say they are skipped, unless
//! `REHEARSE_REQUIRE_AUDIO=1` makes that a failure.

use std::f64::consts::PI;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use realfft::num_complex::Complex;
use realfft::RealFftPlanner;
use rehearse::audio::capture::{list_input_devices, CaptureEvent, Recorder, RecorderOptions};
use rehearse::audio::levels;
use rehearse::audio::wav::{self, AudioError};

fn virtual_mic() -> bool {
    if std::env::var_os("REHEARSE_VIRTUAL_MIC").is_some() {
        return true;
    }
    let why = "virtual microphone not set up (run tests/support/virtual-audio.sh start)";
    if std::env::var("REHEARSE_REQUIRE_AUDIO").as_deref() == Ok("1") {
        panic!("REHEARSE_REQUIRE_AUDIO=1 but the {why}");
    }
    eprintln!("skipped: {why}");
    false
}

/// A 3 s logarithmic chirp 200 Hz → 4 kHz at 0.5: its autocorrelation has one sharp peak.
fn chirp_16k() -> Vec<f32> {
    let (f0, f1, secs, rate) = (200.0f64, 4_000.0f64, 3.0f64, 16_000.0f64);
    let k = (f1 / f0).ln() / secs;
    (0..(secs * rate) as usize)
        .map(|i| {
            let t = i as f64 / rate;
            let fade = (t / 0.01).min((secs - t) / 0.01).min(1.0);
            (0.5 * fade * (2.0 * PI * f0 * ((k * t).exp() - 1.0) / k).sin()) as f32
        })
        .collect()
}

/// Normalised cross-correlation: the lag (in samples) of `needle` inside `hay` with the
/// highest correlation, and that correlation (1.0 = identical up to gain).
fn best_alignment(hay: &[f32], needle: &[f32]) -> (usize, f64) {
    assert!(hay.len() >= needle.len());
    let n = (hay.len() + needle.len()).next_power_of_two();
    let mut planner = RealFftPlanner::<f64>::new();
    let fwd = planner.plan_fft_forward(n);
    let inv = planner.plan_fft_inverse(n);
    let spectrum = |x: &[f32]| {
        let mut buf = vec![0.0f64; n];
        buf.iter_mut().zip(x).for_each(|(b, &v)| *b = f64::from(v));
        let mut out = fwd.make_output_vec();
        fwd.process(&mut buf, &mut out).unwrap();
        out
    };
    let (h, s) = (spectrum(hay), spectrum(needle));
    let mut prod: Vec<Complex<f64>> = h.iter().zip(&s).map(|(a, b)| a * b.conj()).collect();
    let mut corr = vec![0.0f64; n];
    inv.process(&mut prod, &mut corr).unwrap();
    let needle_energy: f64 = needle.iter().map(|&v| f64::from(v).powi(2)).sum();
    let mut prefix = vec![0.0f64; hay.len() + 1];
    for (i, &v) in hay.iter().enumerate() {
        prefix[i + 1] = prefix[i] + f64::from(v).powi(2);
    }
    (0..=hay.len() - needle.len())
        .map(|lag| {
            let window = prefix[lag + needle.len()] - prefix[lag];
            let ncc = corr[lag] / n as f64 / (needle_energy * window).sqrt().max(1e-12);
            (lag, ncc)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap()
}

fn paplay(file: &Path) {
    let status = Command::new("paplay")
        .arg("--device=micsink")
        .arg(file)
        .status()
        .expect("paplay (pulseaudio-utils) must be installed");
    assert!(status.success(), "paplay failed: {status}");
}

#[test]
fn records_what_the_virtual_microphone_hears() {
    if !virtual_mic() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = chirp_16k();
    let played = dir.path().join("chirp.wav");
    wav::write_16k_mono(&played, &source).unwrap();
    let out = dir.path().join("nested/recording.wav");

    let (tx, events) = mpsc::channel();
    let mut opts = RecorderOptions::new(&out);
    opts.events = Some(tx);
    let t_start = Instant::now();
    let rec = Recorder::start(opts).unwrap();
    let started_after = t_start.elapsed();
    std::thread::sleep(Duration::from_millis(700));
    let play_at = t_start.elapsed();
    paplay(&played);
    std::thread::sleep(Duration::from_millis(700));
    let summary = rec.stop().unwrap();
    let wall = t_start.elapsed().as_secs_f64();

    assert_eq!(summary.path, out);
    assert!(summary.interrupted.is_none(), "{summary:?}");
    assert_eq!(summary.dropped_frames, 0);
    assert!(summary.device_rate >= 8_000);
    // The file covers the time the stream ran, give or take start-up.
    assert!(
        summary.duration_s > 3.8 && summary.duration_s <= wall + 0.1,
        "recorded {:.2} s in {wall:.2} s",
        summary.duration_s
    );

    let recorded = wav::read(&out).unwrap();
    assert_eq!(recorded.info.sample_rate, 16_000);
    assert_eq!(recorded.info.channels, 1);
    assert_eq!(recorded.samples.len() as u64, summary.samples);

    let (lag, ncc) = best_alignment(&recorded.samples, &source);
    let lag_s = lag as f64 / 16_000.0;
    let latency = lag_s - (play_at.as_secs_f64() - started_after.as_secs_f64());
    println!(
        "virtual mic: device {:?} {} Hz {} ch {}; correlation {ncc:.4} at {lag_s:.3} s into the \
         recording; playback started {:.3} s in; latency {:.0} ms; {} of {wall:.2} s recorded",
        summary.device,
        summary.device_rate,
        summary.device_channels,
        summary.sample_format,
        play_at.as_secs_f64() - started_after.as_secs_f64(),
        latency * 1000.0,
        summary.duration_s
    );
    assert!(
        ncc >= 0.95,
        "correlation with the played chirp only {ncc:.4}"
    );
    assert!((-0.1..1.0).contains(&latency), "latency {latency:.3} s");

    // The null sink and the remap source run at unity gain: the level must match.
    let got = &recorded.samples[lag..lag + source.len()];
    let (want_db, got_db) = (levels::rms_db(&source), levels::rms_db(got));
    println!("level: played {want_db:.2} dBFS, recorded {got_db:.2} dBFS");
    assert!(
        (want_db - got_db).abs() < 1.0,
        "played {want_db} dB, recorded {got_db} dB"
    );
    let before = &recorded.samples[..lag.saturating_sub(1_600)];
    assert!(
        levels::rms_db(before) < -60.0,
        "silence before the chirp should be silent"
    );

    // Subscribers got the same audio that went into the file, and ~20 meter readings a second.
    let (mut streamed, mut meter, mut loud) = (Vec::new(), 0usize, 0usize);
    for ev in events.try_iter() {
        match ev {
            CaptureEvent::Audio(a) => streamed.extend(a),
            CaptureEvent::Level { rms_db, .. } => {
                meter += 1;
                loud += usize::from(rms_db > -20.0);
            }
            CaptureEvent::Error(e) => panic!("unexpected capture error: {e}"),
        }
    }
    assert_eq!(streamed.len(), recorded.samples.len());
    assert!(streamed
        .iter()
        .zip(&recorded.samples)
        .all(|(a, b)| (a.clamp(-1.0, 1.0) - b).abs() <= 1.0 / 32767.0));
    let per_s = meter as f64 / summary.duration_s;
    assert!(
        (18.0..=22.0).contains(&per_s),
        "{per_s} meter readings per second"
    );
    assert!(
        loud >= 40,
        "only {loud} loud meter readings during a 3 s chirp"
    );
}

#[test]
fn dropping_a_recorder_finishes_the_file() {
    if !virtual_mic() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dropped.wav");
    let rec = Recorder::start(RecorderOptions::new(&out)).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while rec.elapsed_s() < 1.5 {
        assert!(Instant::now() < deadline, "no audio arrived");
        std::thread::sleep(Duration::from_millis(20));
    }
    let at_drop = rec.elapsed_s();
    drop(rec);
    let r = hound::WavReader::open(&out).unwrap();
    let secs = f64::from(r.duration()) / 16_000.0;
    // Everything up to the drop is kept, not just the last header refresh.
    assert!(
        secs >= at_drop && secs < at_drop + 0.5,
        "{secs} s kept, {at_drop} s at drop"
    );
}

#[test]
fn devices_are_listed_with_one_default() {
    if !virtual_mic() {
        return;
    }
    let devices = list_input_devices().unwrap();
    println!("{devices:#?}");
    assert!(!devices.is_empty());
    assert_eq!(devices.iter().filter(|d| d.is_default).count(), 1);
    assert!(devices[0].is_default, "the default comes first");
    assert!(devices
        .iter()
        .all(|d| d.default_rate >= 8_000 && d.channels >= 1));
}

#[test]
fn unknown_device_name_lists_the_real_ones() {
    if !virtual_mic() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut opts = RecorderOptions::new(dir.path().join("never.wav"));
    opts.device = Some("No Such Microphone 3000".into());
    let e = Recorder::start(opts).unwrap_err();
    let AudioError::DeviceNotFound { name, available } = &e else {
        panic!("expected DeviceNotFound, got {e:?}");
    };
    assert_eq!(name, "No Such Microphone 3000");
    assert!(!available.is_empty());
    let msg = e.to_string();
    assert!(
        msg.contains("No Such Microphone 3000") && msg.contains(&available[0]),
        "{msg}"
    );
    assert!(
        !dir.path().join("never.wav").exists(),
        "no file for a failed start"
    );

    // A real device picked by its id records.
    let id = list_input_devices().unwrap().remove(0).id;
    let mut opts = RecorderOptions::new(dir.path().join("by-id.wav"));
    opts.device = Some(id);
    let rec = Recorder::start(opts).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let s = rec.stop().unwrap();
    assert!(s.duration_s > 0.2, "{s:?}");
}

#[test]
#[ignore = "child process of a_vanishing_device_ends_the_recording_and_keeps_the_audio"]
fn capture_child_records_until_the_device_vanishes() {
    let out =
        PathBuf::from(std::env::var_os("REHEARSE_CHILD_OUT").expect("run by the parent test"));
    let rec = Recorder::start(RecorderOptions::new(&out)).unwrap();
    let errors = rec.subscribe();
    let deadline = Instant::now() + Duration::from_secs(10);
    while rec.elapsed_s() < 1.0 {
        assert!(
            Instant::now() < deadline,
            "no audio arrived from the private server"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    println!("RECORDING");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !rec.is_finished() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let s = rec.stop().unwrap();
    let error_events: Vec<String> = errors
        .try_iter()
        .filter_map(|e| match e {
            CaptureEvent::Error(m) => Some(m),
            _ => None,
        })
        .collect();
    println!(
        "SUMMARY {:.2} s interrupted={:?} events={error_events:?}",
        s.duration_s, s.interrupted
    );
    assert!(
        s.interrupted.is_some(),
        "the recording should have ended by itself"
    );
    assert_eq!(error_events.len(), 1);
}

/// A process that is killed when the test ends, however it ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private PulseAudio server with one null sink, whose monitor is the default source.
/// Killing it is what a sound server crash or an unplugged USB microphone looks like to cpal.
fn private_pulse_server(dir: &Path) -> (KillOnDrop, String) {
    let socket = dir.join("native");
    let server = Command::new("pulseaudio")
        .args([
            "--daemonize=no",
            "--exit-idle-time=-1",
            "-n",
            "--use-pid-file=no",
        ])
        .arg(format!(
            "--load=module-native-protocol-unix socket={}",
            socket.display()
        ))
        .arg("--load=module-null-sink sink_name=private")
        .env("PULSE_RUNTIME_PATH", dir)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("pulseaudio.log")).unwrap())
        .spawn()
        .map(KillOnDrop)
        .expect("pulseaudio must be installed");
    let address = format!("unix:{}", socket.display());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ok = Command::new("pactl")
            .args(["set-default-source", "private.monitor"])
            .env("PULSE_SERVER", &address)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return (server, address);
        }
        assert!(
            Instant::now() < deadline,
            "private pulseaudio did not come up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_vanishing_device_ends_the_recording_and_keeps_the_audio() {
    if !virtual_mic() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (server, address) = private_pulse_server(dir.path());
    let out = dir.path().join("vanished.wav");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "capture_child_records_until_the_device_vanishes",
            "--ignored",
            "--nocapture",
        ])
        .env("REHEARSE_CHILD_OUT", &out)
        .env("PULSE_SERVER", &address)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = lines.by_ref().any(|l| l.unwrap().contains("RECORDING"));
    drop(server);
    let t_gone = Instant::now();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().unwrap();
    let ended_after = t_gone.elapsed();
    println!("{}", rest.join("\n"));
    assert!(started, "child never started recording");
    assert!(status.success(), "child failed:\n{}", rest.join("\n"));
    println!(
        "device loss noticed {:.2} s after the sound server was killed",
        ended_after.as_secs_f64()
    );

    let r = hound::WavReader::open(&out).unwrap();
    let secs = f64::from(r.duration()) / 16_000.0;
    assert!((1.0..=4.0).contains(&secs), "{secs} s kept");
}
