//! Entry point of the page: panic hook, platform, then mount the app (once the route's
//! prefetched model is in).

fn main() {
    // The release build (-Cpanic=immediate-abort) traps on a panic before any hook could run;
    // index.html reports the trap there. Other builds print the panic to the console.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    request_builder::web::install_platform();
    request_builder::web::mount_after_prefetch(|| {
        leptos::mount::mount_to_body(request_builder::ui::App)
    });
}
