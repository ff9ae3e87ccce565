//! Entry point of the page: panic hook, then mount the app.

fn main() {
    console_error_panic_hook::set_once();
    request_builder::core::pattern::install(&request_builder::web::BROWSER_REGEX);
    leptos::mount::mount_to_body(request_builder::ui::App);
}
