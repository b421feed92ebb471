/* va-http.h — HTTP requests of Call action nodes and the handoff to an engagement hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define VA_HTTP_ERROR (va_http_error_quark ())

/* Cancelling through the caller's GCancellable is reported as G_IO_ERROR_CANCELLED, never as
 * VA_HTTP_ERROR_CANCELLED; a deadline that passes is VA_HTTP_ERROR_TIMEOUT. Every message is a
 * translated sentence in plain words that names the server or the address. */
typedef enum
{
  VA_HTTP_ERROR_INVALID_URL,        /* not a URL, no host, or a user name in it */
  VA_HTTP_ERROR_UNSUPPORTED_SCHEME, /* anything but http and https */
  VA_HTTP_ERROR_TIMEOUT,            /* no complete answer in time (connect + headers + body) */
  VA_HTTP_ERROR_CONNECTION,         /* refused, unreachable, DNS failure, reset, not HTTP */
  VA_HTTP_ERROR_TLS,                /* certificate problems, said in words */
  VA_HTTP_ERROR_STATUS,             /* a non-2xx status, or redirected too often */
  VA_HTTP_ERROR_TOO_LARGE,          /* body above max_body */
  VA_HTTP_ERROR_BAD_JSON,           /* only where JSON is required (the handoff reply) */
  VA_HTTP_ERROR_CANCELLED,          /* unused: see G_IO_ERROR_CANCELLED above */
  VA_HTTP_ERROR_INVALID_REQUEST,    /* a malformed header or method, named in the message */
} VaHttpError;

GQuark va_http_error_quark (void);

typedef struct
{
  guint     status;       /* HTTP status */
  char     *reason;       /* reason phrase as the server sent it (valid UTF-8), never NULL */
  char     *content_type; /* MIME type without parameters, or NULL */
  GBytes   *body;         /* never NULL */
  JsonNode *json;         /* parsed body when it is JSON (by content type or a leading { or [)
                           * and parses; NULL otherwise */
  gint64    elapsed_us;   /* from the start of the request to its end */
} VaHttpResponse;

void va_http_response_free (VaHttpResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaHttpResponse, va_http_response_free)

#define VA_HTTP_DEFAULT_TIMEOUT_S 30
#define VA_HTTP_DEFAULT_MAX_BODY  (4 * 1024 * 1024)

void            va_http_request_async  (SoupSession          *session,
                                        const char           *method,
                                        const char           *url,
                                        const char * const   *headers,
                                        const char           *body,
                                        guint                 timeout_s,
                                        gsize                 max_body,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
VaHttpResponse *va_http_request_finish (GAsyncResult         *result,
                                        VaHttpResponse      **response_out,
                                        GError              **error);
gboolean        va_http_check_url      (const char           *url,
                                        GError              **error);
SoupSession    *va_http_session_new    (void);

typedef enum
{
  VA_HANDOFF_STATE_NONE,
  VA_HANDOFF_STATE_ACCEPTED,
  VA_HANDOFF_STATE_FAILED,
  VA_HANDOFF_STATE_COMPLETED,
} VaHandoffState;

typedef struct
{
  guint           status;     /* HTTP status */
  VaHandoffState  state;      /* from a handoff.status reply, or NONE */
  char           *message;    /* hub's message or NULL */
  char           *chat_url;   /* validated http/https only; NULL when absent or refused */
  gint64          elapsed_us;
} VaHandoffReply;

void va_handoff_reply_free (VaHandoffReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaHandoffReply, va_handoff_reply_free)

void            va_http_post_handoff_async  (SoupSession          *session,
                                             const char           *webhook_url,
                                             JsonNode             *activity,
                                             guint                 timeout_s,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
VaHandoffReply *va_http_post_handoff_finish (GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
