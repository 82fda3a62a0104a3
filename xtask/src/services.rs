//! Background services for tests: a virtual X display, the virtual microphone, tauri-driver.
//! Each is a guard that stops exactly what it started when dropped.

use crate::cmd::{self, root};
use anyhow::{bail, Context, Result};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Xvfb {
    child: Child,
    pub display: String,
}

impl Xvfb {
    /// Starts Xvfb on the first free display number from :99.
    pub fn start() -> Result<Self> {
        for n in 99..120 {
            if std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                || std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists()
            {
                continue;
            }
            let display = format!(":{n}");
            let child = Command::new("Xvfb")
                .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .context("could not start Xvfb")?;
            let mut me = Self { child, display };
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                let ok = Command::new("xdpyinfo")
                    .args(["-display", &me.display])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .map(|s| s.success())
                    .unwrap_or(false);
                if ok {
                    eprintln!("xtask: Xvfb running on {}", me.display);
                    return Ok(me);
                }
                if let Ok(Some(status)) = me.child.try_wait() {
                    bail!("Xvfb {} exited at start ({status})", me.display);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = me.child.kill();
            bail!("Xvfb {} did not come up within 10 s", me.display);
        }
        bail!("no free X display number between :99 and :119")
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The PulseAudio virtual microphone of TESTING.md, via tests/support/virtual-audio.sh.
pub struct VirtualAudio;

impl VirtualAudio {
    pub fn start() -> Result<Self> {
        cmd::run(Command::new("bash").arg(script()).arg("start"))
            .context("starting the PulseAudio virtual microphone")?;
        Ok(Self)
    }
}

fn script() -> std::path::PathBuf {
    root().join("tests/support/virtual-audio.sh")
}

impl Drop for VirtualAudio {
    fn drop(&mut self) {
        let _ = Command::new("bash").arg(script()).arg("stop").status();
    }
}

pub struct TauriDriver {
    child: Child,
    pub port: u16,
}

impl TauriDriver {
    pub fn start(display: &str, port: u16) -> Result<Self> {
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string()])
            .env("DISPLAY", display)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("could not start tauri-driver")?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(Self { child, port });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut me = Self { child, port };
        let _ = me.child.kill();
        bail!("tauri-driver did not listen on port {port} within 15 s")
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // tauri-driver starts WebKitWebDriver; make sure no orphan keeps the port.
        let _ = Command::new("pkill")
            .args(["-f", "WebKitWebDriver --port=4445"])
            .status();
    }
}
