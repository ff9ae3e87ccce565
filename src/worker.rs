//! Entry point of the page's worker (`web::worker`): panic hook, platform, then answer the
//! page's requests (read a paste, send a request to the signing proxy, search the operations
//! index for the picker, write a ROA operation's request).

fn main() {
    // The release build (-Cpanic=immediate-abort) traps on a panic before any hook could run;
    // the page then fails the job it asked for (web::worker's error listener) and says so.
    // Other builds print the panic to the console.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    request_builder::web::install_platform();
    // The page's module leaves a ROA operation's request to the worker (web::worker::outputs).
    request_builder::core::install_roa();
    request_builder::web::worker::serve();
}
