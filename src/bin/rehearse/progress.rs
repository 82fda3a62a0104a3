//! indicatif bars for the library's progress callbacks. Bars draw on stderr, so `--json`
//! output on stdout stays clean.

use indicatif::{ProgressBar, ProgressStyle};
use rehearse::progress::Progress;

/// A bar that follows library progress updates; byte stages are shown as sizes.
pub struct Bar {
    bar: ProgressBar,
    stage: &'static str,
}

impl Bar {
    pub fn new() -> Self {
        let bar = ProgressBar::new(0);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        Self { bar, stage: "" }
    }

    pub fn update(&mut self, p: Progress) {
        if p.stage != self.stage {
            self.stage = p.stage;
            let template = if p.stage.contains("download") {
                "{msg:>12} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}"
            } else {
                "{msg:>12} [{bar:30}] {pos}/{len} eta {eta}"
            };
            self.bar.set_style(
                ProgressStyle::with_template(template)
                    .expect("static template")
                    .progress_chars("=> "),
            );
            self.bar.set_message(p.stage);
        }
        if let Some(total) = p.total {
            self.bar.set_length(total);
        }
        self.bar.set_position(p.done);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
