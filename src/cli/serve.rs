//! `yusuan serve`: the local web page. Binds 127.0.0.1 unless `--host`
//! says otherwise, opens the default browser unless `--no-open`, and
//! removes its temporary upload folder when it stops (Ctrl-C included).

use crate::error::{Error, Result};
use crate::serve::{self, Config};
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8686)]
    pub port: u16,
    /// Address or host name to bind. Anything but a loopback address makes
    /// the page reachable from other machines: a warning is printed.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub host: String,
    /// Do not open the browser.
    #[arg(long)]
    pub no_open: bool,
    /// An upload larger than this many MiB gets HTTP 413.
    #[arg(long, default_value_t = 256, value_name = "MIB")]
    pub max_size: u64,
    /// A file still converting after this many seconds fails.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub timeout: u64,
    /// Files converted at once (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

pub fn run(args: &ServeArgs) -> Result<i32> {
    let jobs = match args.jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let io = |e: std::io::Error| Error::Usage(format!("cannot start the server: {e}"));
    let uploads = tempfile::Builder::new()
        .prefix("yusuan-serve-")
        .tempdir()
        .map_err(io)?;
    let config = Config {
        max_bytes: args.max_size.saturating_mul(1 << 20),
        timeout: Duration::from_secs(args.timeout.max(1)),
        jobs,
        upload_dir: uploads.path().to_path_buf(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    let served = runtime.block_on(async {
        let stop = serve::stop_signal()?;
        let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await?;
        announce(listener.local_addr()?, args);
        eprintln!(
            "yusuan serve: uploads kept in {}",
            config.upload_dir.display()
        );
        serve::serve(listener, config, stop).await
    });
    // Conversions past their time limit may still run: do not wait for them.
    runtime.shutdown_timeout(Duration::from_millis(200));
    drop(uploads);
    served.map_err(io)?;
    eprintln!("yusuan serve: stopped");
    Ok(super::EXIT_OK)
}

/// Prints the address (first line of stdout, for scripts) and opens it.
fn announce(addr: SocketAddr, args: &ServeArgs) {
    let url = format!("http://{addr}/");
    println!("{url}");
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {addr}: the page and your uploads are reachable from other machines"
        );
    }
    eprintln!("yusuan serve: {url} (Ctrl-C to stop)");
    if !args.no_open {
        if let Err(e) = webbrowser::open(&url) {
            eprintln!("yusuan serve: cannot open a browser ({e}); open {url} yourself");
        }
    }
}
