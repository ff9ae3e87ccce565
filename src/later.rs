//! Entry point of the page's later module (`web::later`): panic hook, then mount the paste box,
//! the send panel and the picker into the slots the page asked for.

fn main() {
    // The release build (-Cpanic=immediate-abort) traps on a panic before any hook could run;
    // index.html reports the trap there. Other builds print the panic to the console.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    request_builder::ui::later::serve();
}
