//! Entry point of the paste worker (`web::paste_worker`): panic hook, platform, then answer the
//! page's paste requests.

fn main() {
    console_error_panic_hook::set_once();
    request_builder::web::install_platform();
    request_builder::web::paste_worker::serve();
}
