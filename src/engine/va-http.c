/* va-http.c — HTTP requests of Call action nodes: sending, reading the answer, errors in words
 *
 * What a request is made of is checked in va-http-check.c; the handoff is in va-http-handoff.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is asynchronous on the caller's thread-default main context: soup_session_send_async()
 * for the headers, then a loop of g_input_stream_read_bytes_async() that stops as soon as the
 * body passes its cap, so a server answering gigabytes costs at most the cap in memory.
 *
 * libsoup 3 only has a session-wide inactivity timeout, so each request gets a deadline of its
 * own: a GSource that cancels a GCancellable private to the request. The caller's cancellable
 * is watched with a GCancellable source rather than a "cancelled" handler, so the private one is
 * cancelled from the main loop and never re-entrantly inside the caller's g_cancellable_cancel().
 * Exactly one operation (send or read) is in flight at any time; its callback is the only place
 * where a request ends, which keeps the teardown simple whichever of deadline, caller or server
 * ends it first. The task, its sources and the pending operation hold references, so the caller
 * may drop the session, the cancellable or anything else mid-flight.
 */
#include "config.h"

#include "va-http.h"
#include "va-http-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "va-json-value.h"

G_DEFINE_QUARK (va-http-error-quark, va_http_error)

#define READ_CHUNK         (64 * 1024)
#define MAX_REASON_CHARS   60
#define MAX_TIMEOUT_S      (24 * 3600)

typedef struct
{
  SoupSession          *session;
  SoupMessage          *msg;
  GInputStream         *stream;
  GCancellable         *cancellable;  /* ours: cancelled by the deadline, the caller or an abort */
  GCancellable         *caller;       /* the caller's, or NULL */
  GSource              *deadline;
  GSource              *caller_watch;
  char                 *host;         /* "host" or "host:port", for messages */
  guint                 timeout_s;
  gsize                 max_body;
  GByteArray           *body;
  gint64                start_us;
  GTlsCertificateFlags  tls_errors;
  gboolean              timed_out;
  gboolean              reading;      /* the headers arrived, the body is being read */
  gboolean              complete;     /* the body was read to its end */
  VaHttpResponse       *error_response;
} Request;

static void
stop_watches (Request *req)
{
  if (req->deadline != NULL)
    g_source_destroy (req->deadline);
  g_clear_pointer (&req->deadline, g_source_unref);
  if (req->caller_watch != NULL)
    g_source_destroy (req->caller_watch);
  g_clear_pointer (&req->caller_watch, g_source_unref);
}

static void
request_free (Request *req)
{
  stop_watches (req);
  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  g_clear_object (&req->session);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->caller);
  g_clear_pointer (&req->host, g_free);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_clear_pointer (&req->error_response, va_http_response_free);
  g_free (req);
}

/**
 * va_http_response_free:
 * @response: (nullable): a #VaHttpResponse
 *
 * Frees @response.
 */
void
va_http_response_free (VaHttpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->reason);
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}


/**
 * va_http_session_new:
 *
 * Creates the session for bot requests: our user agent, no session-wide I/O timeout (every
 * request has its own deadline), certificates checked against the system's authorities.
 * libsoup 3 follows at most 20 redirects, not configurable.
 *
 * Returns: (transfer full): a new #SoupSession
 */
SoupSession *
va_http_session_new (void)
{
  return soup_session_new_with_options ("user-agent", "VirtualAgent/" PACKAGE_VERSION,
                                        "timeout", 0,
                                        NULL);
}

/* Errors in words ------------------------------------------------------------------------- */

static GError *
tls_error (Request *req)
{
  GTlsCertificateFlags flags = req->tls_errors;
  const char *host = req->host;

  /* Whole sentences, one per problem, so that translations read well. */
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                        _("The certificate of %s is not trusted (it has expired)."), host);
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                        _("The certificate of %s is not trusted (it is not valid yet)."), host);
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                        _("The certificate of %s is not trusted (it has been revoked)."), host);
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                        _("The certificate of %s is not trusted (it was issued for another "
                          "server)."), host);
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                        _("The certificate of %s is not trusted (it is not signed by a known "
                          "authority)."), host);
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                        _("The certificate of %s is not trusted (it uses an insecure "
                          "algorithm)."), host);
  return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                      _("The certificate of %s is not trusted (it could not be checked)."), host);
}

static char *
size_in_words (gsize size)
{
  g_autofree char *number = NULL;

  if (size >= 1024 * 1024 && size % (1024 * 1024) == 0)
    {
      number = g_strdup_printf ("%" G_GSIZE_FORMAT, size / (1024 * 1024));
      /* Translators: a size, e.g. "4 MiB" */
      return g_strdup_printf (_("%s MiB"), number);
    }
  if (size >= 1024 && size % 1024 == 0)
    {
      number = g_strdup_printf ("%" G_GSIZE_FORMAT, size / 1024);
      /* Translators: a size, e.g. "64 KiB" */
      return g_strdup_printf (_("%s KiB"), number);
    }
  number = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes", size), number);
}

static GError *
too_large_error (Request *req)
{
  g_autofree char *size = size_in_words (req->max_body);

  return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TOO_LARGE,
                      _("The answer from %s is larger than %s."), req->host, size);
}

/* The reason phrase is the server's text: keep it short and printable. */
static char *
reason_in_words (guint       status,
                 const char *reason)
{
  if (reason == NULL || *reason == '\0')
    return g_strdup (soup_status_get_phrase (status));

  return va_http_shorten (reason, MAX_REASON_CHARS);
}

static GError *
status_error (Request        *req,
              VaHttpResponse *response)
{
  g_autofree char *reason = reason_in_words (response->status, response->reason);

  return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS,
                      _("The server at %s answered %u %s."), req->host, response->status, reason);
}

static GError *
describe_error (Request      *req,
                const GError *error)
{
  const char *host = req->host;

  if (req->caller != NULL && g_cancellable_is_cancelled (req->caller))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                        _("The request to %s was cancelled."), host);

  if (req->timed_out)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TIMEOUT,
                        g_dngettext (GETTEXT_PACKAGE, "No answer from %s within %u second.",
                                     "No answer from %s within %u seconds.", req->timeout_s),
                        host, req->timeout_s);

  if (req->tls_errors != 0)
    return tls_error (req);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TLS,
                        _("Could not set up a secure connection with %s: %s"),
                        host, error->message);

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS:
        case SOUP_SESSION_ERROR_TOO_MANY_RESTARTS:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS,
                              _("Too many redirects: %s keeps sending the request elsewhere."),
                              host);
        case SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION:
        case SOUP_SESSION_ERROR_REDIRECT_BAD_URI:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS,
                              _("The server at %s redirected the request to an invalid address."),
                              host);
        default:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                              _("The answer from %s is not valid HTTP."), host);
        }
    }

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                        _("Could not find the server %s."), host);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CANCELLED:
          /* Someone else cancelled: soup_session_abort() by the session's owner. */
          return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                              _("The request to %s was cancelled."), host);
        case G_IO_ERROR_CONNECTION_REFUSED:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                              _("Could not connect to %s: the connection was refused."), host);
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_HOST_NOT_FOUND:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                              _("Could not connect to %s: the server cannot be reached."), host);
        case G_IO_ERROR_TIMED_OUT:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_TIMEOUT,
                              _("No answer from %s: the connection timed out."), host);
        case G_IO_ERROR_CONNECTION_CLOSED: /* also G_IO_ERROR_BROKEN_PIPE */
        case G_IO_ERROR_PARTIAL_INPUT:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                              _("The connection to %s was closed before the answer was complete."),
                              host);
        case G_IO_ERROR_PROXY_FAILED:
        case G_IO_ERROR_PROXY_AUTH_FAILED:
        case G_IO_ERROR_PROXY_NEED_AUTH:
        case G_IO_ERROR_PROXY_NOT_ALLOWED:
          return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                              _("Could not connect to %s through the proxy: %s"),
                              host, error->message);
        default:
          break;
        }
    }

  if (req->reading)
    return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                        _("The answer from %s could not be read: %s"), host, error->message);
  return g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION,
                      _("Could not connect to %s: %s"), host, error->message);
}

/* The request ------------------------------------------------------------------------------ */

static gboolean
is_json_type (const char *content_type)
{
  return content_type != NULL &&
         (g_ascii_strcasecmp (content_type, "application/json") == 0 ||
          g_ascii_strcasecmp (content_type, "text/json") == 0 ||
          g_str_has_suffix (content_type, "+json"));
}

static gboolean
blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The first character that is not a blank or a byte order mark, or '\0'. */
static char
first_char (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < size && blank (data[i]))
    i++;
  return i < size ? data[i] : '\0';
}

gboolean
va_http_looks_like_json (const char *content_type,
                         GBytes     *body)
{
  char c = first_char (body);

  if (c == '\0')
    return FALSE;
  return is_json_type (content_type) || c == '{' || c == '[';
}

static VaHttpResponse *
build_response (Request *req)
{
  VaHttpResponse *response = g_new0 (VaHttpResponse, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  const char *reason = soup_message_get_reason_phrase (req->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  response->status = soup_message_get_status (req->msg);
  response->reason = g_utf8_make_valid (reason != NULL ? reason : "", -1);
  response->content_type = content_type != NULL ? g_ascii_strdown (content_type, -1) : NULL;
  if (req->body != NULL)
    response->body = g_byte_array_free_to_bytes (g_steal_pointer (&req->body));
  else
    response->body = g_bytes_new (NULL, 0);

  if (va_http_looks_like_json (response->content_type, response->body))
    {
      gsize size;
      const char *data = g_bytes_get_data (response->body, &size);

      response->json = va_json_value_parse (data, size, NULL);
    }

  response->elapsed_us = g_get_monotonic_time () - req->start_us;
  return response;
}

/* Ends the request. Takes @response and @error. */
static void
request_return (GTask          *task,
                VaHttpResponse *response,
                GError         *error)
{
  Request *req = g_task_get_task_data (task);

  stop_watches (req);

  /* Abandoned mid-body: cancelling makes libsoup drop the connection instead of reading on. */
  if (req->stream != NULL && !req->complete)
    g_cancellable_cancel (req->cancellable);
  g_clear_object (&req->stream);

  if (error != NULL)
    {
      g_clear_pointer (&req->error_response, va_http_response_free);
      req->error_response = response;
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, response, (GDestroyNotify) va_http_response_free);
}

static void
request_return_answer (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  VaHttpResponse *response = build_response (req);

  if (SOUP_STATUS_IS_SUCCESSFUL (response->status))
    request_return (task, response, NULL);
  else
    request_return (task, response, status_error (req, response));
}

static void read_more (GTask *task);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      request_return (task, NULL, describe_error (req, error));
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      req->complete = TRUE;
      request_return_answer (task);
      return;
    }

  g_byte_array_append (req->body, g_bytes_get_data (bytes, NULL), size);
  if (req->body->len > req->max_body)
    {
      /* An error page is only read up to the cap: its status says more than its size. */
      if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (req->msg)))
        request_return (task, NULL, too_large_error (req));
      else
        {
          g_byte_array_set_size (req->body, req->max_body);
          request_return_answer (task);
        }
      return;
    }

  read_more (g_steal_pointer (&task));
}

/* Takes @task. */
static void
read_more (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  gsize want = MIN (READ_CHUNK, req->max_body + 1 - req->body->len);

  g_input_stream_read_bytes_async (req->stream, want, G_PRIORITY_DEFAULT, req->cancellable,
                                   on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->stream == NULL)
    {
      VaHttpResponse *response = NULL;

      /* The server did answer, with one redirect too many: give its answer. */
      if (error->domain == SOUP_SESSION_ERROR &&
          SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (req->msg)))
        response = build_response (req);
      request_return (task, response, describe_error (req, error));
      return;
    }

  req->reading = TRUE;
  headers = soup_message_get_response_headers (req->msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (req->msg)) &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) req->max_body)
    {
      request_return (task, NULL, too_large_error (req));
      return;
    }

  req->body = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

static gboolean
on_deadline (gpointer user_data)
{
  Request *req = g_task_get_task_data (G_TASK (user_data));

  req->timed_out = TRUE;
  g_cancellable_cancel (req->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  Request *req = g_task_get_task_data (G_TASK (user_data));

  g_cancellable_cancel (req->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Request *req = user_data;

  req->tls_errors = errors;
  return FALSE;
}

void
va_http_request_full_async (SoupSession          *session,
                            const char           *method,
                            const char           *url,
                            const char * const   *headers,
                            const char           *body,
                            guint                 timeout_s,
                            gsize                 max_body,
                            SoupMessageFlags      flags,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GUri) uri = NULL;
  GError *error = NULL;
  GMainContext *context;
  Request *req;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, va_http_request_async);

  req = g_new0 (Request, 1);
  req->session = g_object_ref (session);
  req->cancellable = g_cancellable_new ();
  req->caller = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  req->timeout_s = timeout_s > 0 ? timeout_s : VA_HTTP_DEFAULT_TIMEOUT_S;
  req->max_body = MIN (max_body > 0 ? max_body : VA_HTTP_DEFAULT_MAX_BODY, G_MAXSIZE / 2);
  req->start_us = g_get_monotonic_time ();
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);

  uri = va_http_parse_web_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  req->host = va_http_host_label (uri);

  req->msg = va_http_build_message (method, uri, headers, body, &error);
  if (req->msg == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  soup_message_add_flags (req->msg, flags);
  g_signal_connect (req->msg, "accept-certificate", G_CALLBACK (on_accept_certificate), req);

  context = g_task_get_context (task);

  req->deadline = g_timeout_source_new (MIN (req->timeout_s, MAX_TIMEOUT_S) * 1000);
  g_source_set_static_name (req->deadline, "[va-http] deadline");
  g_source_set_callback (req->deadline, on_deadline, g_object_ref (task), g_object_unref);
  g_source_attach (req->deadline, context);

  if (cancellable != NULL)
    {
      req->caller_watch = g_cancellable_source_new (cancellable);
      g_source_set_static_name (req->caller_watch, "[va-http] caller cancelled");
      g_source_set_callback (req->caller_watch, G_SOURCE_FUNC (on_caller_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (req->caller_watch, context);
    }

  soup_session_send_async (session, req->msg, G_PRIORITY_DEFAULT, req->cancellable, on_sent,
                           g_steal_pointer (&task));
}

/**
 * va_http_request_async:
 * @session: a #SoupSession, see va_http_session_new()
 * @method: "GET", "POST", …; sent in capitals
 * @url: an http or https address, see va_http_check_url()
 * @headers: (nullable) (array zero-terminated=1): "Name: value" strings
 * @body: (nullable): text sent as application/json (a Content-Type header overrides it); a GET
 *   or DELETE may have one too
 * @timeout_s: deadline for the whole request (connect, headers and body), 0 for 30 seconds
 * @max_body: cap on the answer's body in bytes, 0 for 4 MiB
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sends a request and reads the whole answer without blocking. The body is read in chunks and
 * the request abandoned (and its connection closed) as soon as it passes @max_body, or at once
 * when the announced Content-Length does. Blank header strings are skipped; a malformed header
 * (no colon, a name that is not a token, a line break in the value, or one of Host,
 * Content-Length, Transfer-Encoding and Connection) fails with %VA_HTTP_ERROR_INVALID_REQUEST
 * naming it, before anything is sent; an unusable address fails the same way with
 * %VA_HTTP_ERROR_INVALID_URL or %VA_HTTP_ERROR_UNSUPPORTED_SCHEME. An Accept header asking for
 * JSON is sent unless @headers gives one. Redirects are followed.
 *
 * Cancelling @cancellable fails the request with %G_IO_ERROR_CANCELLED; the deadline fails it
 * with %VA_HTTP_ERROR_TIMEOUT.
 */
void
va_http_request_async (SoupSession          *session,
                       const char           *method,
                       const char           *url,
                       const char * const   *headers,
                       const char           *body,
                       guint                 timeout_s,
                       gsize                 max_body,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  va_http_request_full_async (session, method, url, headers, body, timeout_s, max_body, 0,
                              cancellable, callback, user_data);
}

/**
 * va_http_request_finish:
 * @result: the #GAsyncResult given to the callback
 * @response_out: (out) (optional) (nullable): return location for the answer of a failed request
 * @error: return location for a #VA_HTTP_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Finishes va_http_request_async(). A 2xx answer is a success. Any other status is the error
 * %VA_HTTP_ERROR_STATUS ("The server at example.com answered 404 Not Found."), and the answer is
 * then stored in @response_out, with its body cut at the cap if longer. @response_out is also
 * set for "too many redirects" (the last redirect, empty body), and %NULL in every other case.
 * A body that looks like JSON but does not parse is no error: the response's json is %NULL.
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL with @error set
 */
VaHttpResponse *
va_http_request_finish (GAsyncResult    *result,
                        VaHttpResponse **response_out,
                        GError         **error)
{
  Request *req;
  VaHttpResponse *response;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == va_http_request_async, NULL);

  req = g_task_get_task_data (G_TASK (result));
  response = g_task_propagate_pointer (G_TASK (result), error);

  if (response_out != NULL)
    *response_out = response == NULL ? g_steal_pointer (&req->error_response) : NULL;
  return response;
}
