package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

/**
 * The dashboard's login form ({@code /login}) when no OpenID Connect provider logs people in: one field taking an
 * API token (the local stack's is in {@code .flotilla/admin-token}), sent by a plain form so it works without a
 * script; the page the person wanted comes next. No event stream here: there is nothing to follow before a login.
 */
public final class LoginPage {

    private LoginPage() {
    }

    /**
     * @param then    the local path to go to after the login
     * @param refusal why the last token was refused; null on a first visit
     */
    public static String render(String then, String refusal) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Log in · Flotilla"
                + "</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head><body>"
                + "<header class=\"top\"><span class=\"brand\">Flotilla</span></header><main id=\"content\">"
                + "<h1>Log in</h1>");
        if (refusal != null) {
            html.append("<p role=\"alert\">").append(escape(refusal)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"then\" value=\"")
                .append(escape(then)).append("\"><p><label for=\"token\">API token</label> "
                        + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" "
                        + "required autofocus></p><p><button type=\"submit\">Log in</button></p></form>"
                        + "<p>On a stack <code>./flotilla up</code> started, the admin token is in "
                        + "<code>.flotilla/admin-token</code>. The token is kept in a cookie only this site gets, "
                        + "which no script can read, until you log out or close the browser.</p>"
                        + "</main></body></html>\n");
        return html.toString();
    }
}
