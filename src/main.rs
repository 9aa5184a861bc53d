use clap::Parser;
use yusuan::cli::{self, Cli, Command};

fn main() {
    let cli = Cli::parse();
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
