//! Cloud API request builder: a static page that turns a validated form into the exact request,
//! CLI command and curl for AWS and Alibaba Cloud operations.
//!
//! `core` is pure and browser-free; `ui` (Leptos components) and `web` (browser adapters) exist
//! only with the `web` feature.

pub mod core;

#[cfg(feature = "web")]
pub mod ui;

#[cfg(feature = "web")]
pub mod web;
