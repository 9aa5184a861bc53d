//! Cooperative cancellation. A conversion runs with a [`Token`] installed
//! on its thread ([`scope`]); hot loops of sources and stages call
//! [`check`] and return its error, so work past `--timeout` stops, its
//! memory is freed and the batch goes on. Without a token (`inspect`,
//! `tables`, library callers) `check` never fails.
//!
//! ```
//! use yusuan::cancel::{self, Token};
//! let token = Token::new(None);
//! token.cancel();
//! let r = cancel::scope(&token, || cancel::check());
//! assert!(r.is_err());
//! ```

use crate::error::{Error, Result};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Cancels one conversion: when `cancel` is called or the deadline passes.
#[derive(Debug, Clone)]
pub struct Token {
    flag: Arc<AtomicBool>,
    deadline: Option<Instant>,
}

impl Token {
    pub fn new(deadline: Option<Instant>) -> Self {
        Token {
            flag: Arc::new(AtomicBool::new(false)),
            deadline,
        }
    }

    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed) || self.deadline.is_some_and(|d| Instant::now() >= d)
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

/// Whether the conversion on this thread should stop.
pub fn cancelled() -> bool {
    CURRENT
        .try_with(|c| c.borrow().as_ref().is_some_and(Token::is_cancelled))
        .unwrap_or(false)
}

/// `Err(Error::Cancelled)` once the conversion on this thread is cancelled.
/// Cheap (an atomic load and a clock read): call it once per row, page,
/// content operator or parsed tag.
pub fn check() -> Result<()> {
    if cancelled() {
        Err(Error::Cancelled)
    } else {
        Ok(())
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
