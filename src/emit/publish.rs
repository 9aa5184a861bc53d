//! Publishing an output set all-or-nothing (docs/outputs.md): the set is
//! written into a fresh folder beside the output folder and swapped with it
//! in one `renameat2(RENAME_EXCHANGE)`; a kill at any instant leaves the
//! complete old set or the complete new one. Temporaries carry this
//! process's id: the signal handler removes ours, the next run removes
//! those of dead processes.

use crate::error::{Error, Result};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Lists the files of a published set; written into every set.
pub const MANIFEST: &str = ".yusuan.manifest";
/// Outputs earlier versions wrote without a manifest.
const KNOWN: [&str; 5] = [
    "documents.json",
    "projects.csv",
    "indicators.csv",
    "report.json",
    "yusuan.xlsx",
];
/// Every temporary's name holds this, followed by `<pid>-<n>`.
const TAG: &str = ".yusuan-";

/// How the set went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// Old set replaced by the new one in one step.
    Swapped,
    /// The folder holds files yusuan did not write: they stay, and the
    /// outputs were renamed in one by one (not all-or-nothing).
    FileByFile,
}

/// Temporaries of this process; held locked while a set is published so a
/// signal never interrupts a publish half-way.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// On SIGINT/SIGTERM: remove this process's temporaries and exit 130.
/// Called once by the commands that write outputs.
pub fn remove_temporaries_on_signal() {
    // A second installation (tests, library callers) is refused; harmless.
    let _ = ctrlc::set_handler(|| {
        let mut paths = live();
        for p in paths.drain(..) {
            remove_any(&p);
        }
        std::process::exit(130);
    });
}

fn remove_any(p: &Path) {
    let _ = std::fs::remove_dir_all(p).or_else(|_| std::fs::remove_file(p));
}

fn werr(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// A fresh temporary name for `name`: `.yusuan-<pid>-<n>.{name}`.
fn temp_name(name: &std::ffi::OsStr) -> OsString {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let mut s = OsString::from(format!("{TAG}{}-{n}.", std::process::id()));
    s.push(name);
    s
}

/// `dir` as an absolute path whose parent exists.
fn absolute(dir: &Path) -> Result<PathBuf> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if dir.exists() {
        return std::fs::canonicalize(dir).map_err(werr(dir));
    }
    let name = dir.file_name().ok_or_else(|| Error::Write {
        path: dir.to_path_buf(),
        source: std::io::Error::other("not a folder name"),
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(werr(parent))?;
    Ok(std::fs::canonicalize(parent)
        .map_err(werr(parent))?
        .join(name))
}

/// Writes one output's bytes into the file opened for it.
pub type WriteFn<'a> = Box<dyn Fn(&mut dyn Write) -> std::io::Result<()> + 'a>;

/// One file of a set: its name (may hold sub-folders) and its writer.
/// Outputs are written straight into their files rather than rendered
/// whole first: a `documents.json` is ~7× its HTML page.
pub struct Output<'a> {
    pub name: String,
    pub write: WriteFn<'a>,
}

impl<'a> Output<'a> {
    pub fn new(name: impl Into<String>, write: WriteFn<'a>) -> Self {
        Output {
            name: name.into(),
            write,
        }
    }

    pub fn bytes(name: impl Into<String>, bytes: &'a [u8]) -> Self {
        Output::new(name, Box::new(move |w| w.write_all(bytes)))
    }
}

/// Writes `files` as the set in `dir`: swapped in whole when `dir` is new
/// or holds only yusuan outputs, else file by file.
pub fn publish(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<Published> {
    let outputs: Vec<Output> = files.iter().map(|(n, b)| Output::bytes(*n, b)).collect();
    publish_outputs(dir, &outputs)
}

/// As [`publish`], each file written by its output's writer.
pub fn publish_outputs(dir: &Path, files: &[Output]) -> Result<Published> {
    let abs = absolute(dir)?;
    let (Some(parent), Some(name)) = (abs.parent(), abs.file_name()) else {
        return by_file(&abs, files);
    };
    let (parent, name) = (parent.to_path_buf(), name.to_os_string());
    remove_stale(&parent, false);
    remove_stale(&abs, true);
    // The working folder (`-o .`) or one above it is never swapped away
    // from under the shell that runs us.
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
    let holds_cwd = cwd.is_ok_and(|c| c.starts_with(&abs));
    if holds_cwd || abs.exists() && !owned(&abs) {
        return by_file(&abs, files);
    }
    let mut guard = live();
    let stage = parent.join(temp_name(&name));
    std::fs::create_dir(&stage).map_err(werr(&stage))?;
    guard.push(stage.clone());
    let result = fill(&stage, files, &abs).and_then(|()| swap(&stage, &abs));
    // After a swap `stage` holds the old set; after a failure, a part set.
    remove_any(&stage);
    guard.retain(|p| p != &stage);
    result.map(|()| Published::Swapped)
}

/// The set's files and manifest, with the old folder's permissions.
fn fill(stage: &Path, files: &[Output], target: &Path) -> Result<()> {
    let mut manifest = String::new();
    for out in files {
        let path = stage.join(&out.name);
        // Names may hold sub-folders (`yusuan tables` on several inputs).
        if let Some(dir) = path.parent().filter(|d| *d != stage) {
            std::fs::create_dir_all(dir).map_err(werr(dir))?;
        }
        write_new(&path, &out.write)?;
        manifest.push_str(&out.name);
        manifest.push('\n');
    }
    let listed = manifest.as_bytes();
    write_new(&stage.join(MANIFEST), &|w| w.write_all(listed))?;
    if let Ok(meta) = std::fs::metadata(target) {
        std::fs::set_permissions(stage, meta.permissions()).map_err(werr(stage))?;
    }
    Ok(())
}

/// A new file, created with the umask's permissions.
fn write_new(path: &Path, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    // No fsync: renames already protect against Ctrl-C and kill (the data
    // is in the page cache); fsync only adds power-loss durability.
    let f = std::fs::File::create_new(path).map_err(werr(path))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
    write(&mut w).map_err(werr(path))?;
    w.flush().map_err(werr(path))
}

/// Puts `stage` at `target`; the old `target`, if any, ends up at `stage`.
fn swap(stage: &Path, target: &Path) -> Result<()> {
    match std::fs::rename(stage, target) {
        Ok(()) => return Ok(()),
        // A folder that is not empty cannot be renamed over.
        Err(_) if target.is_dir() => {}
        Err(e) => return Err(werr(target)(e)),
    }
    if exchange(stage, target).is_ok() {
        return Ok(());
    }
    // No atomic exchange on this system: two renames, with a moment in
    // between where `target` is missing (the next run still finds the old
    // set beside it only until it cleans up).
    let mut old_name = target.file_name().unwrap_or_default().to_os_string();
    old_name.push(".old");
    let old = stage.with_file_name(temp_name(&old_name));
    std::fs::rename(target, &old).map_err(werr(target))?;
    let moved = std::fs::rename(stage, target).map_err(werr(target));
    // `stage` must end up holding the old set, as after an exchange.
    let _ = std::fs::rename(&old, stage);
    moved
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether every entry of `dir` is an output yusuan wrote.
fn owned(dir: &Path) -> bool {
    let listed = std::fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().all(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name == MANIFEST
            || KNOWN.contains(&name.as_ref())
            || listed
                .lines()
                .any(|l| l.split('/').next() == Some(name.as_ref()))
            || name.starts_with(TAG)
    })
}

/// Removes temporaries in `dir` (`.yusuan-<pid>-…`) whose process is gone;
/// with `old_style`, also those without a pid (earlier versions, which
/// only ever wrote them inside the output folder).
fn remove_stale(dir: &Path, old_style: bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TAG)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let stale = match pid {
            Some(p) => !alive(p),
            None => old_style,
        };
        if stale {
            remove_any(&e.path());
        }
    }
}

/// Whether process `pid` still runs (and so may still own its temporaries).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        // Without /proc, err on the side of keeping the file.
        true
    }
}

/// Fallback for a folder shared with other files: each output goes to a
/// temporary beside it, and all are renamed once all are written.
fn by_file(dir: &Path, files: &[Output]) -> Result<Published> {
    std::fs::create_dir_all(dir).map_err(werr(dir))?;
    let mut guard = live();
    let mut staged = Vec::new();
    let result = files.iter().try_for_each(|out| {
        let target = dir.join(&out.name);
        let tmp = target.with_file_name(temp_name(target.file_name().unwrap_or_default()));
        guard.push(tmp.clone());
        staged.push((tmp.clone(), target));
        write_new(&tmp, &out.write)
    });
    let result = result.and_then(|()| {
        staged
            .iter()
            .try_for_each(|(tmp, target)| std::fs::rename(tmp, target).map_err(werr(target)))
    });
    for (tmp, _) in &staged {
        let _ = std::fs::remove_file(tmp);
        guard.retain(|p| p != tmp);
    }
    result.map(|()| Published::FileByFile)
}

/// Writes one file atomically (a temporary beside it, then a rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().unwrap_or_default();
    let tmp = path.with_file_name(temp_name(name));
    if let Some(dir) = tmp.parent() {
        remove_stale(dir, false);
    }
    let mut guard = live();
    guard.push(tmp.clone());
    let result = write_new(&tmp, &|w| w.write_all(bytes))
        .and_then(|()| std::fs::rename(&tmp, path).map_err(werr(path)));
    let _ = std::fs::remove_file(&tmp);
    guard.retain(|p| p != &tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(n: u8) -> Vec<(&'static str, Vec<u8>)> {
        vec![("a.json", vec![n; 3]), ("b.csv", vec![n; 5])]
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("read_dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_new_set_replaces_the_old_one_whole() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out");
        assert_eq!(publish(&out, &set(1)).ok(), Some(Published::Swapped));
        let mut second = set(2);
        second.pop();
        assert_eq!(publish(&out, &second).ok(), Some(Published::Swapped));
        assert_eq!(
            listing(&out),
            [MANIFEST, "a.json"],
            "b.csv went with its set"
        );
        assert_eq!(std::fs::read(out.join("a.json")).ok(), Some(vec![2; 3]));
        assert_eq!(listing(tmp.path()), ["out"], "no temporary left");
    }

    #[test]
    fn sets_with_sub_folders_are_swapped_whole() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out");
        let files = vec![("a/x.csv", vec![1]), ("b/y.csv", vec![2])];
        assert_eq!(publish(&out, &files).ok(), Some(Published::Swapped));
        let again = vec![("a/z.csv", vec![3])];
        assert_eq!(publish(&out, &again).ok(), Some(Published::Swapped));
        assert_eq!(listing(&out), [MANIFEST, "a"]);
        assert_eq!(listing(&out.join("a")), ["z.csv"]);
    }

    #[test]
    fn foreign_files_are_kept() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("mine.txt"), "x").expect("write");
        let got = publish(tmp.path(), &set(1)).ok();
        assert_eq!(got, Some(Published::FileByFile));
        assert_eq!(listing(tmp.path()), ["a.json", "b.csv", "mine.txt"]);
    }

    #[test]
    fn stale_temporaries_of_dead_processes_go() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out");
        // No process has pid 4294967295; a live pid's temporary stays.
        let dead = tmp.path().join(".yusuan-4294967295-0.out");
        let ours = tmp
            .path()
            .join(format!(".yusuan-{}-999.out", std::process::id()));
        std::fs::create_dir(&dead).expect("mkdir");
        std::fs::create_dir(&ours).expect("mkdir");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join(".yusuan-abc123"), "old-style").expect("write");
        publish(&out, &set(1)).expect("publish");
        assert!(!dead.exists());
        assert!(ours.exists());
        assert_eq!(listing(&out), [MANIFEST, "a.json", "b.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn files_get_the_umask_permissions_not_0600() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out");
        publish(&out, &set(1)).expect("publish");
        let mode = std::fs::metadata(out.join("a.json"))
            .expect("meta")
            .permissions()
            .mode();
        // Test processes run with umask 022 or 002: group can read.
        assert_ne!(mode & 0o040, 0, "mode {mode:o}");
        let one = tmp.path().join("one.csv");
        write_atomic(&one, b"x").expect("write");
        let mode = std::fs::metadata(&one).expect("meta").permissions().mode();
        assert_ne!(mode & 0o040, 0, "mode {mode:o}");
    }
}
