//! Cooperative cancellation. A conversion runs with a [`Token`] installed
//! on its thread ([`scope`]); hot loops of sources and stages call
//! [`check`] and return its error, so work past `--timeout`, or holding
//! more than its memory budget (`--max-memory`, counted by [`Counting`]
//! when the binary installs it), stops, its memory is freed and the batch
//! goes on. Without a token (`inspect`, library callers)
//! `check` never fails.
//!
//! ```
//! use yusuan::cancel::{self, Token};
//! let token = Token::new(None);
//! token.cancel();
//! let r = cancel::scope(&token, || cancel::check());
//! assert!(r.is_err());
//! ```

use crate::error::{Error, Result};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Cancels one conversion: when `cancel` is called or the deadline passes.
#[derive(Debug, Clone)]
pub struct Token {
    flag: Arc<AtomicBool>,
    deadline: Option<Instant>,
    /// Bytes this thread may hold (see [`Counting`]).
    memory: Option<usize>,
}

impl Token {
    pub fn new(deadline: Option<Instant>) -> Self {
        Token {
            flag: Arc::new(AtomicBool::new(false)),
            deadline,
            memory: None,
        }
    }

    /// The same token with a memory budget for the thread it runs on.
    pub fn with_memory(mut self, bytes: usize) -> Self {
        self.memory = Some(bytes);
        self
    }

    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed) || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    fn over_memory(&self) -> bool {
        self.memory.is_some_and(|m| thread_bytes() > m)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Token>> = const { RefCell::new(None) };
}

/// Runs `f` with `token` installed on this thread (the previous one, if
/// any, is restored afterwards, also on panic).
pub fn scope<R>(token: &Token, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Token>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            let _ = CURRENT.try_with(|c| *c.borrow_mut() = prev);
        }
    }
    let prev = CURRENT.with(|c| c.borrow_mut().replace(token.clone()));
    let _restore = Restore(prev);
    f()
}

/// Whether the conversion on this thread should stop (time, flag or
/// memory); [`check`] says which.
pub fn cancelled() -> bool {
    check().is_err()
}

/// `Err(Error::Cancelled)` once the conversion on this thread is cancelled,
/// `Err(Error::OverMemory)` once it holds more than its budget. Cheap (an
/// atomic load, a clock read): call it once per row, page or parsed tag.
pub fn check() -> Result<()> {
    let over = CURRENT
        .try_with(|c| {
            c.borrow()
                .as_ref()
                .map(|t| (t.is_cancelled(), t.over_memory()))
        })
        .ok()
        .flatten();
    match over {
        Some((true, _)) => Err(Error::Cancelled),
        Some((_, true)) => Err(Error::OverMemory),
        _ => Ok(()),
    }
}

thread_local! {
    /// Bytes allocated minus freed on this thread (frees of memory from
    /// other threads make it smaller than the truth, never larger).
    static HELD: Cell<isize> = const { Cell::new(0) };
}

/// Bytes the current thread holds, as counted by [`Counting`] (0 without it).
pub fn thread_bytes() -> usize {
    HELD.try_with(Cell::get).map_or(0, |n| n.max(0) as usize)
}

fn count(delta: isize) {
    let _ = HELD.try_with(|h| h.set(h.get().wrapping_add(delta)));
}

/// Hands the memory a finished file's thread freed back to the system.
/// glibc keeps a thread's freed memory in that thread's arena, where the
/// next stage (writing outputs on another thread) cannot reuse it: a big
/// page's DOM stayed resident beside the outputs being rendered.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free pages to the kernel; it
        // takes the allocator's own locks and touches no live allocation.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// The system allocator, counting each thread's bytes for the memory
/// budget. Install it in a binary:
/// `#[global_allocator] static A: yusuan::cancel::Counting = yusuan::cancel::Counting;`
pub struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; the counter is a
// const-initialised thread-local without destructor, safe to touch here.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn no_token_never_cancels() {
        assert!(check().is_ok());
    }

    #[test]
    fn deadline_and_flag_cancel_only_inside_the_scope() {
        let past = Token::new(Some(Instant::now()));
        assert!(scope(&past, check).is_err());
        assert!(check().is_ok(), "restored after the scope");
        let later = Token::new(Some(Instant::now() + Duration::from_secs(3600)));
        assert!(scope(&later, check).is_ok());
        later.cancel();
        assert!(scope(&later, check).is_err());
    }
}
