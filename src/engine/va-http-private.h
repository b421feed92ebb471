/* va-http-private.h — shared by the request (va-http.c), its checks (va-http-check.c) and the
 * handoff (va-http-handoff.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-http.h"

G_BEGIN_DECLS

/* va-http-check.c */

/* Valid UTF-8 of at most @max_chars characters, an ellipsis marking a cut. */
char     *va_http_truncate_text      (const char           *text,
                                      glong                 max_chars);

/* Text from a bot file or a server, made fit for a message: cut at @max_chars characters, and
 * control characters (line breaks would garble the message) replaced by '?'. */
char     *va_http_shorten            (const char           *text,
                                      glong                 max_chars);

/* An absolute http or https address with a server name, or NULL and an error in words. */
GUri     *va_http_parse_web_url      (const char           *url,
                                      GError              **error);

/* "example.com", or "127.0.0.1:4567" when the port is not the scheme's default. */
char     *va_http_host_label         (GUri                 *uri);

/* The request for @method (sent in capitals) to @uri with @headers ("Name: value", blank ones
 * skipped) and @body (application/json unless a header says otherwise), or NULL and an error in
 * words naming a malformed method or header. */
SoupMessage *va_http_build_message   (const char           *method,
                                      GUri                 *uri,
                                      const char * const   *headers,
                                      const char           *body,
                                      GError              **error);

/* va-http.c */

/* Whether a body that is not blank is JSON, by its content type or its first character
 * ({ or [). */
gboolean  va_http_looks_like_json    (const char           *content_type,
                                      GBytes               *body);

/* va_http_request_async() with libsoup message flags (SOUP_MESSAGE_NO_REDIRECT); finished with
 * va_http_request_finish(). */
void      va_http_request_full_async (SoupSession          *session,
                                      const char           *method,
                                      const char           *url,
                                      const char * const   *headers,
                                      const char           *body,
                                      guint                 timeout_s,
                                      gsize                 max_body,
                                      SoupMessageFlags      flags,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);

G_END_DECLS
