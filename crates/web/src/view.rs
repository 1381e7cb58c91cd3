//! What every page template shares: the chrome (title, navigation, the signed-in user, the CSRF
//! token), field errors and pagination links.

use sinergi_core::network::{Permission, Scope};
use sinergi_core::page::Page;
use sinergi_core::time::{Zone, format_long, format_short, now_millis};

use crate::auth::Viewer;

pub struct Chrome {
    pub title: String,
    pub nav: &'static str,
    pub signed_in: bool,
    pub user_name: String,
    pub role_label: String,
    pub org_name: String,
    pub org_code: String,
    pub csrf: String,
    pub is_admin: bool,
    pub is_centre_admin: bool,
    pub now: String,
    pub zone: Zone,
    pub unread: i64,
}

impl Chrome {
    pub fn new(viewer: &Viewer, title: &str, nav: &'static str) -> Self {
        let a = &viewer.actor;
        let zone = a.org.zone();
        Self {
            title: title.to_owned(),
            nav,
            signed_in: true,
            user_name: a.name.clone(),
            role_label: a.role.label().to_owned(),
            org_name: a.org.display_name(),
            org_code: a.org.code.clone(),
            csrf: viewer.session.csrf_token.clone(),
            is_admin: a.role.can(Permission::ManageUsers),
            is_centre_admin: a.role.can(Permission::ManageJobs) && a.scope() == Scope::All,
            now: format_long(now_millis(), zone),
            zone,
            unread: viewer.unread,
        }
    }

    pub fn anonymous(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            nav: "",
            signed_in: false,
            user_name: String::new(),
            role_label: String::new(),
            org_name: String::new(),
            org_code: String::new(),
            csrf: String::new(),
            is_admin: false,
            is_centre_admin: false,
            now: String::new(),
            zone: Zone::Wib,
            unread: 0,
        }
    }

    /// A stored time in the viewer's zone, long form.
    pub fn long(&self, ms: &i64) -> String {
        format_long(*ms, self.zone)
    }

    pub fn short(&self, ms: &i64) -> String {
        format_short(*ms, self.zone)
    }

    pub fn short_opt(&self, ms: &Option<i64>) -> String {
        ms.map(|m| format_short(m, self.zone))
            .unwrap_or_else(|| "-".to_owned())
    }
}

/// Field messages for re-rendered forms.
#[derive(Default)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

/// Links for a paginated list, keeping the other query parameters.
pub struct Pager {
    pub page: u32,
    pub pages: u32,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new<T>(p: &Page<T>, base: &str, query: &[(&str, String)]) -> Self {
        let link = |page: u32| {
            let mut parts: Vec<String> = query
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k}={}", crate::auth::url_escape(v)))
                .collect();
            parts.push(format!("hal={page}"));
            format!("{base}?{}", parts.join("&"))
        };
        Self {
            page: p.page,
            pages: p.pages(),
            total: p.total,
            prev: p.has_prev().then(|| link(p.page - 1)),
            next: p.has_next().then(|| link(p.page + 1)),
        }
    }
}

/// Renders an askama template or reports an internal error.
pub fn render(
    t: &impl askama::Template,
) -> Result<axum::response::Html<String>, crate::error::PageError> {
    t.render()
        .map(axum::response::Html)
        .map_err(|e| sinergi_core::CoreError::Internal(format!("template: {e}")).into())
}
