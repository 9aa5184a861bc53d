//! The output set is all-or-nothing (docs/outputs.md): the real binary is
//! killed at random instants of a run, 200 times, and the output folder
//! must always hold the complete old set or the complete new one, with no
//! temporary inside it; after SIGTERM no temporary is left anywhere, and a
//! run after a SIGKILL removes what the killed one left.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

type Set = BTreeMap<String, Vec<u8>>;

fn snapshot(dir: &Path) -> Set {
    let Ok(entries) = fs::read_dir(dir) else {
        return Set::new();
    };
    entries
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|es| {
            es.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".yusuan-"))
                .collect()
        })
        .unwrap_or_default()
}

fn convert(dir: &Path, input: &str, out: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .current_dir(dir)
        .args(["convert", input, "-o", out, "-q", "-j", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn yusuan")
}

/// A reference set, and how long a run takes.
fn reference(dir: &Path, input: &str, out: &str) -> (Set, Duration) {
    let t = Instant::now();
    let status = convert(dir, input, out).wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{input} converts cleanly");
    (snapshot(&dir.join(out)), t.elapsed())
}

/// xorshift: enough randomness for kill instants, seed printed on failure.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn a_kill_at_any_instant_leaves_the_old_or_the_new_set() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    for (folder, sample) in [("a", "seed-gzast.txt"), ("b", "two-tables.txt")] {
        fs::create_dir(d.join(folder)).expect("mkdir");
        fs::copy(
            common::root().join("samples").join(sample),
            d.join(folder).join(sample),
        )
        .expect("copy sample");
    }
    let (set_a, ta) = reference(d, "a", "ref-a");
    let (set_b, tb) = reference(d, "b", "ref-b");
    assert_ne!(set_a, set_b);
    let span = ta.max(tb).as_micros() as u64 * 3 / 2;
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |t| t.as_nanos() as u64 | 1);
    let mut rng = Rng(seed);
    reference(d, "a", "out");
    let mut state = "a";
    let (mut old, mut new) = (0, 0);
    for i in 0..200 {
        // Always convert the other input, so a publish changes the set.
        let input = if state == "a" { "b" } else { "a" };
        let mut child = convert(d, input, "out");
        let pid = child.id();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let term = i % 4 == 3;
        if term {
            let _ = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        } else {
            let _ = child.kill();
        }
        let _ = child.wait();
        let got = snapshot(&d.join("out"));
        let (wanted, before) = if input == "b" {
            (&set_b, &set_a)
        } else {
            (&set_a, &set_b)
        };
        if &got == wanted {
            new += 1;
            state = input;
        } else if &got == before {
            old += 1;
        } else {
            panic!(
                "seed {seed}, run {i}: a mixed set {:?}",
                got.keys().collect::<Vec<_>>()
            );
        }
        assert!(temporaries(&d.join("out")).is_empty(), "seed {seed}");
        if term {
            let mine = format!(".yusuan-{pid}-");
            let left: Vec<String> = temporaries(d)
                .into_iter()
                .filter(|n| n.starts_with(&mine))
                .collect();
            assert!(left.is_empty(), "seed {seed}: left after SIGTERM: {left:?}");
        }
    }
    eprintln!("200 kills: {old} left the old set, {new} the new one");
    assert!(
        old > 0 && new > 0,
        "kills hit both sides: {old} old, {new} new"
    );
    reference(d, "a", "out");
    assert!(temporaries(d).is_empty(), "a rerun removes what kills left");
}
