//! The later module's stylesheet (`style/later.css`): rules that may wait until the module
//! starts (the outputs column that stays in view), injected once, so the first transfer does
//! not carry them.

/// The stylesheet's text.
pub const LATER_CSS: &str = include_str!("../../style/later.css");

/// Adds the stylesheet to the document's head, once.
pub fn add_later_style() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id("later-style").is_some() {
        return;
    }
    let (Ok(style), Some(head)) = (document.create_element("style"), document.head()) else {
        return;
    };
    style.set_id("later-style");
    style.set_text_content(Some(LATER_CSS));
    let _ = head.append_child(&style);
}
