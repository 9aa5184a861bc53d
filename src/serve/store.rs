//! Converted uploads, kept in memory and found by a generated id (never by
//! a path taken from the request).

use crate::batch::FileResult;
use crate::emit::EmitOptions;
use crate::table::LogicalTable;
use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Documents kept; the oldest are forgotten first.
const KEEP: usize = 500;

/// One table as the source read it, and as `yusuan tables` writes it.
#[derive(Debug, Clone)]
pub struct SourceTable {
    pub table: LogicalTable,
    /// The name and bytes `yusuan tables` writes for it.
    pub csv_name: String,
    pub csv: Vec<u8>,
}

/// One uploaded file, converted.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub result: FileResult,
    pub sources: Vec<SourceTable>,
    /// Problems the source met outside any table (for the tables' view).
    pub source_warnings: Vec<crate::warning::Warning>,
    pub opts: EmitOptions,
    /// What `yusuan convert FILE --xlsx` writes: (file name, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    pub seconds: f64,
}

impl Entry {
    /// How many 绩效目标表s lead the table list (the source's tables follow).
    pub fn packed_count(&self) -> usize {
        self.result.document.as_ref().map_or(0, |d| d.tables.len())
    }
}

#[derive(Default)]
pub struct Store {
    next: AtomicU64,
    key: std::collections::hash_map::RandomState,
    entries: Mutex<VecDeque<Arc<Entry>>>,
}

impl Store {
    /// A fresh id: a counter (unique for the life of the server) hashed
    /// with this server's random key, so that ids cannot be guessed.
    pub fn new_id(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!("d{n}-{:016x}", self.key.hash_one(n))
    }

    pub fn put(&self, entry: Entry) -> Arc<Entry> {
        let entry = Arc::new(entry);
        let mut all = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        all.push_back(Arc::clone(&entry));
        while all.len() > KEEP {
            all.pop_front();
        }
        entry
    }

    pub fn get(&self, id: &str) -> Option<Arc<Entry>> {
        let all = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        all.iter().find(|e| e.id == id).cloned()
    }
}
