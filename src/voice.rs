//! The interviewer's voice: questions read aloud through the platform's speech engine (the
//! `tts` crate: speech-dispatcher on Linux, WinRT/SAPI on Windows, AVFoundation on macOS).
//! The engine lives on one thread of its own, because its handle is not thread-safe and its
//! end-of-speech callbacks arrive on the engine's threads.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum VoiceError {
    #[error("no speech engine is available ({0}); the question is shown as text")]
    Unavailable(String),
    #[error("the speech engine failed: {0}")]
    Engine(String),
    #[error("no voice called {0:?}; pick another in Settings")]
    UnknownVoice(String),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Voice {
    pub id: String,
    pub name: String,
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SpeechInfo {
    pub available: bool,
    /// Why speech is unavailable, for the user.
    pub reason: Option<String>,
    pub voices: Vec<Voice>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakOptions {
    pub voice: Option<String>,
    /// Multiple of the engine's normal rate, 0.5–2.0.
    pub rate: f32,
}

impl Default for SpeakOptions {
    fn default() -> Self {
        SpeakOptions {
            voice: None,
            rate: 1.0,
        }
    }
}

enum Command {
    Info(Sender<SpeechInfo>),
    Speak {
        text: String,
        opts: SpeakOptions,
        done: Sender<Result<(), VoiceError>>,
    },
    Stop,
    /// From the engine: an utterance finished or was cancelled.
    Ended(tts::UtteranceId),
}

/// A handle to the voice thread; cheap to clone and share.
#[derive(Clone)]
pub struct Interviewer {
    tx: Sender<Command>,
}

impl Interviewer {
    /// Starts the voice thread. The engine itself connects on first use.
    pub fn start() -> Interviewer {
        let (tx, rx) = mpsc::channel();
        let own = tx.clone();
        thread::Builder::new()
            .name("interviewer-voice".into())
            .spawn(move || worker(rx, own))
            .expect("spawning the voice thread");
        Interviewer { tx }
    }

    pub fn info(&self) -> SpeechInfo {
        let (tx, rx) = mpsc::channel();
        let gone = || SpeechInfo {
            available: false,
            reason: Some("the voice thread stopped".into()),
            voices: Vec::new(),
        };
        if self.tx.send(Command::Info(tx)).is_err() {
            return gone();
        }
        // A hung speech server must not hang the caller: connecting takes well under a second.
        rx.recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|_| SpeechInfo {
                available: false,
                reason: Some("the speech engine did not answer".into()),
                voices: Vec::new(),
            })
    }

    /// Speaks `text` and returns when it has been spoken or [`stop`](Self::stop) was called.
    pub fn speak(&self, text: &str, opts: &SpeakOptions) -> Result<(), VoiceError> {
        let (done, rx) = mpsc::channel();
        self.tx
            .send(Command::Speak {
                text: text.to_string(),
                opts: opts.clone(),
                done,
            })
            .map_err(|_| VoiceError::Engine("the voice thread stopped".into()))?;
        // The worker gives up on a silent engine by its own deadline; this covers an engine
        // that blocks the worker itself (a hung speech server).
        let words = text.split_whitespace().count() as f32;
        let limit = Duration::from_secs_f32(10.0 + words / (3.0 * opts.rate.clamp(0.5, 2.0)));
        match rx.recv_timeout(limit) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => Err(VoiceError::Engine(
                "the speech engine did not answer".into(),
            )),
            Err(RecvTimeoutError::Disconnected) => {
                Err(VoiceError::Engine("the voice thread stopped".into()))
            }
        }
    }

    /// Stops speaking now; a waiting [`speak`](Self::speak) returns.
    pub fn stop(&self) {
        let _ = self.tx.send(Command::Stop);
    }
}

struct Engine {
    tts: tts::Tts,
    /// Whether end-of-utterance callbacks work; otherwise the engine is polled.
    callbacks: bool,
}

fn connect(own: &Sender<Command>) -> Result<Engine, VoiceError> {
    let tts = tts::Tts::default().map_err(|e| VoiceError::Unavailable(e.to_string()))?;
    let mut callbacks = true;
    for register in [tts::Tts::on_utterance_end, tts::Tts::on_utterance_stop] {
        let tx = own.clone();
        let cb: Box<dyn FnMut(tts::UtteranceId)> = Box::new(move |id| {
            let _ = tx.send(Command::Ended(id));
        });
        callbacks &= register(&tts, Some(cb)).is_ok();
    }
    Ok(Engine { tts, callbacks })
}

fn voices(engine: &Engine) -> Vec<Voice> {
    let mut out: Vec<Voice> = engine
        .tts
        .voices()
        .unwrap_or_default()
        .into_iter()
        .map(|v| Voice {
            id: v.id(),
            name: v.name(),
            language: Some(v.language().to_string()),
        })
        .collect();
    // English voices first: the questions are English.
    out.sort_by_key(|v| {
        (
            !v.language.as_deref().unwrap_or("").starts_with("en"),
            v.name.clone(),
        )
    });
    out
}

/// Maps a 0.5–2.0 multiple onto the engine's own scale around its normal rate.
fn engine_rate(tts: &tts::Tts, multiple: f32) -> f32 {
    let (min, normal, max) = (tts.min_rate(), tts.normal_rate(), tts.max_rate());
    let m = multiple.clamp(0.5, 2.0);
    if m >= 1.0 {
        normal + (max - normal) * (m - 1.0)
    } else {
        normal - (normal - min) * (1.0 - m) * 2.0
    }
}

fn prepare(engine: &mut Engine, opts: &SpeakOptions) -> Result<(), VoiceError> {
    let tts = &mut engine.tts;
    if let Some(id) = &opts.voice {
        let voice = tts
            .voices()
            .unwrap_or_default()
            .into_iter()
            .find(|v| &v.id() == id)
            .ok_or_else(|| VoiceError::UnknownVoice(id.clone()))?;
        tts.set_voice(&voice)
            .map_err(|e| VoiceError::Engine(e.to_string()))?;
    }
    if tts.supported_features().rate {
        let rate = engine_rate(tts, opts.rate);
        tts.set_rate(rate)
            .map_err(|e| VoiceError::Engine(e.to_string()))?;
    }
    Ok(())
}

fn worker(rx: Receiver<Command>, own: Sender<Command>) {
    let mut engine: Option<Result<Engine, VoiceError>> = None;
    // The caller waiting for the current utterance, and when to give up on the engine.
    let mut pending: Option<(Sender<Result<(), VoiceError>>, Instant)> = None;
    // The utterance being waited for: an interrupted earlier one also reports its end.
    let mut current: Option<tts::UtteranceId> = None;
    loop {
        let cmd = if pending.is_some() {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(c) => Some(c),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(c) => Some(c),
                Err(_) => return,
            }
        };
        let eng = engine.get_or_insert_with(|| connect(&own));
        match cmd {
            Some(Command::Info(reply)) => {
                let info = match eng {
                    Ok(e) => SpeechInfo {
                        available: true,
                        reason: None,
                        voices: voices(e),
                    },
                    Err(err) => SpeechInfo {
                        available: false,
                        reason: Some(err.to_string()),
                        voices: Vec::new(),
                    },
                };
                let _ = reply.send(info);
            }
            Some(Command::Speak { text, opts, done }) => {
                if let Some((prev, _)) = pending.take() {
                    let _ = prev.send(Ok(()));
                }
                let e = match eng {
                    Ok(e) => e,
                    Err(err) => {
                        let _ = done.send(Err(err.clone()));
                        continue;
                    }
                };
                let spoken = prepare(e, &opts).and_then(|_| {
                    e.tts
                        .speak(text.as_str(), true)
                        .map_err(|err| VoiceError::Engine(err.to_string()))
                });
                match spoken {
                    Ok(id) => {
                        current = id;
                        // Generous: about 3 words a second at half speed, plus start-up.
                        let words = text.split_whitespace().count() as f32;
                        let limit = Duration::from_secs_f32(5.0 + words / (3.0 * opts.rate));
                        pending = Some((done, Instant::now() + limit));
                    }
                    Err(err) => {
                        let _ = done.send(Err(err));
                    }
                }
            }
            Some(Command::Stop) => {
                if let Ok(e) = eng {
                    let _ = e.tts.stop();
                }
                if let Some((done, _)) = pending.take() {
                    let _ = done.send(Ok(()));
                }
            }
            Some(Command::Ended(id)) => {
                if current.as_ref().is_some_and(|c| *c != id) {
                    continue;
                }
                if let Some((done, _)) = pending.take() {
                    let _ = done.send(Ok(()));
                }
            }
            None => {
                // Without callbacks, the engine is asked; with them, this only guards a
                // lost callback.
                let finished = match (&pending, eng) {
                    (Some((_, deadline)), _) if Instant::now() > *deadline => true,
                    (Some(_), Ok(e)) if !e.callbacks => !e.tts.is_speaking().unwrap_or(false),
                    _ => false,
                };
                if finished {
                    if let Some((done, _)) = pending.take() {
                        let _ = done.send(Ok(()));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_info_answers_whether_or_not_an_engine_runs() {
        // On machines without speech-dispatcher this reports why; either way it must answer.
        let info = Interviewer::start().info();
        assert_eq!(info.available, info.reason.is_none(), "{info:?}");
    }
}
