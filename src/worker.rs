//! Entry point of the page's worker (`web::worker`): panic hook, platform, then answer the
//! page's requests (read a paste, send a request to the signing proxy, search the operations
//! index for the picker).

fn main() {
    console_error_panic_hook::set_once();
    request_builder::web::install_platform();
    request_builder::web::worker::serve();
}
