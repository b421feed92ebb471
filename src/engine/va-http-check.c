/* va-http-check.c — what a request is made of, checked before anything is sent: the web
 * address, the method and the headers; and text from a bot file or a server made fit for a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-http.h"
#include "va-http-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define SHOWN_URL_CHARS    80

/* Addresses ------------------------------------------------------------------------------- */

/* Valid UTF-8 of at most @max_chars characters, an ellipsis marking a cut. */
char *
va_http_truncate_text (const char *text,
                       glong       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);

  start = g_utf8_substring (valid, 0, max_chars - 1);
  return g_strconcat (start, "…", NULL);
}

/* Text from a bot file or a server, made fit for a message: long addresses are cut (the start
 * names the server, which is what matters) and line breaks would garble the message. */
char *
va_http_shorten (const char *text,
                 glong       max_chars)
{
  char *shown = va_http_truncate_text (text, max_chars);

  for (char *p = shown; *p != '\0'; p++)
    if ((guchar) *p < ' ' || *p == 0x7f)
      *p = '?';
  return shown;
}

GUri *
va_http_parse_web_url (const char  *url,
                       GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_URL,
                           _("The web address is empty."));
      return NULL;
    }

  shown = va_http_shorten (url, SHOWN_URL_CHARS);

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    if (*p <= ' ' || *p == 0x7f)
      {
        g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_URL,
                     _("“%s” is not a web address: it contains spaces or control characters."),
                     shown);
        return NULL;
      }

  scheme = g_uri_parse_scheme (url);
  if (scheme == NULL)
    {
      g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a web address: it should start with https:// or http://."),
                   shown);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_UNSUPPORTED_SCHEME,
                   _("“%s” cannot be used: only http and https addresses are allowed."), shown);
      return NULL;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a valid web address."), shown);
      return NULL;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a web address: the server name is missing."), shown);
      return NULL;
    }

  /* "https://bank.example@evil.example/" shows one server and goes to another. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_URL,
                   _("“%s” cannot be used: it has a user name before the server name."), shown);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* "example.com", or "127.0.0.1:4567" when the port is not the scheme's default. */
char *
va_http_host_label (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  int default_port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
  g_autofree char *name = NULL;

  name = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]", host) : g_utf8_make_valid (host, -1);
  if (port > 0 && port != default_port)
    return g_strdup_printf ("%s:%d", name, port);
  return g_steal_pointer (&name);
}

/**
 * va_http_check_url:
 * @url: (nullable): an address from a bot file or the settings
 * @error: return location for a #VA_HTTP_ERROR
 *
 * Checks that @url can be requested: an absolute http or https address with a server name, no
 * spaces or control characters, and no user name before the server (which can disguise the real
 * server). Nothing is sent. The error message is in plain words and quotes the address.
 *
 * Returns: %TRUE if @url can be used
 */
gboolean
va_http_check_url (const char  *url,
                   GError     **error)
{
  g_autoptr (GUri) uri = va_http_parse_web_url (url, error);

  return uri != NULL;
}
/* The method and the headers -------------------------------------------------------------- */

static gboolean
is_token (const char *text,
          gsize       length)
{
  static const char extra[] = "!#$%&'*+-.^_`|~";

  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && strchr (extra, text[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static gboolean
add_headers (SoupMessageHeaders  *request_headers,
             const char * const  *headers,
             GError             **error)
{
  /* libsoup writes these from the request itself; a second copy would corrupt the request. */
  static const char * const automatic[] = { "Host", "Content-Length", "Transfer-Encoding",
                                            "Connection", NULL };

  for (gsize i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      const char *line = headers[i];
      const char *colon = strchr (line, ':');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      /* An empty row of the action's header table is no header. */
      if (is_blank (line))
        continue;

      if (colon == NULL)
        {
          g_autofree char *shown = va_http_shorten (line, 40);

          g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_REQUEST,
                       _("The header “%s” is not valid: it should look like “Name: value”."),
                       shown);
          return FALSE;
        }

      name = g_strchomp (g_strndup (line, colon - line));
      value = g_strstrip (g_strdup (colon + 1));

      if (!is_token (name, strlen (name)))
        {
          g_autofree char *shown = va_http_shorten (name, 40);

          g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_REQUEST,
                       _("The header name “%s” is not valid: use letters, digits and dashes."),
                       shown);
          return FALSE;
        }

      /* CR or LF in a value would let a bot file add headers or a body of its own. */
      for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
        if ((*p < ' ' && *p != '\t') || *p == 0x7f)
          {
            g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_REQUEST,
                         _("The value of the header “%s” contains a line break or a control "
                           "character."), name);
            return FALSE;
          }

      for (gsize j = 0; automatic[j] != NULL; j++)
        if (g_ascii_strcasecmp (name, automatic[j]) == 0)
          {
            g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_REQUEST,
                         _("The header “%s” is set automatically and cannot be given."),
                         automatic[j]);
            return FALSE;
          }

      if (g_ascii_strcasecmp (name, "Content-Type") == 0 ||
          g_ascii_strcasecmp (name, "Accept") == 0)
        soup_message_headers_replace (request_headers, name, value);
      else
        soup_message_headers_append (request_headers, name, value);
    }

  return TRUE;
}

/* Builds the message, or fails with an error in words. */
SoupMessage *
va_http_build_message (const char          *method,
                       GUri                *uri,
                       const char * const  *headers,
                       const char          *body,
                       GError             **error)
{
  g_autofree char *upper = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  SoupMessageHeaders *request_headers;

  if (method == NULL || !is_token (method, strlen (method)))
    {
      g_autofree char *shown = va_http_shorten (method != NULL ? method : "", 20);

      g_set_error (error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_REQUEST,
                   _("“%s” is not an HTTP method such as GET or POST."), shown);
      return NULL;
    }

  /* Methods are case-sensitive and servers know them in capitals; "Get" in a bot means GET. */
  upper = g_ascii_strup (method, -1);
  msg = soup_message_new_from_uri (upper, uri);
  request_headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (request_headers, "Accept", "application/json, */*;q=0.8");

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  if (!add_headers (request_headers, headers, error))
    return NULL;

  return g_steal_pointer (&msg);
}
