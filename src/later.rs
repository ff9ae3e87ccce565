//! Entry point of the page's later module (`web::later`): panic hook, then mount the paste box,
//! the send panel and the picker into the slots the page asked for.

fn main() {
    console_error_panic_hook::set_once();
    request_builder::ui::later::serve();
}
