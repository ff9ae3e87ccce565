//! Entry point of the page: panic hook, then mount the app.

fn main() {
    console_error_panic_hook::set_once();
    request_builder::web::install_platform();
    leptos::mount::mount_to_body(request_builder::ui::App);
}
