//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root; tests run with it as the working directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the real `yusuan` binary in `dir`.
pub fn yusuan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the yusuan binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file of `samples/sources/` (the generated office samples).
pub fn source_sample(name: &str) -> PathBuf {
    root().join("samples/sources").join(name)
}

/// The error of reading a bad sample: one line naming the file.
pub fn one_line_error<T>(read: yusuan::Result<T>, name: &str) -> String {
    let msg = match read {
        Ok(_) => panic!("{name}: bad input must fail"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains(name), "{msg:?} names the file");
    assert!(!msg.contains('\n'), "{msg:?} is one line");
    msg
}
