//! `cargo xtask run | test | build | bench`: the project's own set-up, build and test driver.
//! A fresh Debian/Ubuntu machine needs nothing but Rust, Node and Python to start: the
//! tasks install the system packages, npm packages, tools and the test model they need.

mod bench;
mod build;
mod cmd;
mod model;
mod services;
mod setup;
mod test;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "Rehearse build, run and test tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Install what is missing, build the UI and the app, make sure a model is present, open the app.
    Run {
        #[arg(long)]
        release: bool,
    },
    /// Set up like `run`, plus test tools; then fmt, clippy, Rust tests, UI tests and the E2E suite.
    Test {
        /// Skip the end-to-end suite (the real app over WebDriver).
        #[arg(long)]
        no_e2e: bool,
    },
    /// Build the UI and the desktop app; the last stdout line is the app binary's absolute path.
    Build {
        #[arg(long)]
        release: bool,
    },
    /// Benchmarks and accuracy tables, each printed against a peer measured in the same run.
    Bench,
    /// Only install system packages, npm packages and tools (what `test` needs).
    Setup,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.task {
        Task::Run { release } => build::run(release),
        Task::Test { no_e2e } => test::run(!no_e2e),
        Task::Build { release } => {
            setup::ensure(setup::Purpose::Build)?;
            let app = build::build_app(release)?;
            println!("{}", app.display());
            Ok(())
        }
        Task::Bench => bench::run(),
        Task::Setup => setup::ensure(setup::Purpose::Test),
    }
}
