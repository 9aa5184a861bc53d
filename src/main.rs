use clap::Parser;
use yusuan::cli::{self, Cli, Command};

// Counts each thread's bytes so a file over --max-memory fails, not the process.
#[global_allocator]
static ALLOC: yusuan::cancel::Counting = yusuan::cancel::Counting;

fn main() {
    let cli = Cli::parse();
    // `serve` shuts down on its own signal handlers (removing its upload
    // folder); the commands that write output sets clean up their temporaries.
    if !matches!(cli.command, Command::Serve(_)) {
        yusuan::emit::publish::remove_temporaries_on_signal();
    }
    let result = match &cli.command {
        Command::Convert(args) => cli::convert::run(args),
        Command::Inspect(args) => cli::inspect::run(args),
        Command::Tables(args) => cli::tables::run(args),
        Command::Serve(args) => cli::serve::run(args),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                yusuan::Error::Usage(_) => cli::EXIT_USAGE,
                _ => cli::EXIT_PROBLEM,
            }
        }
    };
    std::process::exit(code);
}
