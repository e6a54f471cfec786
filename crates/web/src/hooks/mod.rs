//! Custom hooks.

pub mod use_paste;
