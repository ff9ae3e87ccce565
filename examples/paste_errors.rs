//! Prints the message and caret for pasted text given as arguments (for checking error tables).
fn main() {
    for text in std::env::args().skip(1) {
        match request_builder::core::paste::parse(&text, None) {
            Ok(p) => println!("OK {} {:?}\n", p.op.route(), p.form),
            Err(e) => println!("[{}] {e}\n", e.offset),
        }
    }
}
