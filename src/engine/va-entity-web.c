/* va-entity-web.c — email addresses, phone numbers and URLs in a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These keep the characters the user typed, so they scan the text itself, not its tokens.
 */
#include "config.h"

#include "va-entity-private.h"

#include <string.h>

static gboolean
is_email_local_char (gunichar c)
{
  return g_unichar_isalnum (c) || (c < 0x80 && strchr ("._%+-'", (int) c) != NULL);
}

static gboolean
is_domain_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-' || c == '.';
}

static gboolean
is_valid_domain (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n = g_strv_length (labels);
  const char *tld;

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
    }
  tld = labels[n - 1];
  if (g_utf8_strlen (tld, -1) < 2)
    return FALSE;
  for (const char *p = tld; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
va_entity_extract_email (VaEntityInput *in, char **value)
{
  const char *text = in->source;

  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *start = at, *stop = at + 1;
      g_autofree char *local = NULL;
      g_autofree char *domain = NULL;
      g_autofree char *lower = NULL;

      while (start > text && at - start <= 64)
        {
          const char *prev = g_utf8_find_prev_char (text, start);

          if (prev == NULL || !is_email_local_char (g_utf8_get_char (prev)))
            break;
          start = prev;
        }
      while (*start == '.' || *start == '\'')
        start++;
      while (*stop != '\0' && stop - at <= 254 && is_domain_char (g_utf8_get_char (stop)))
        stop = g_utf8_next_char (stop);
      while (stop > at + 1 && (stop[-1] == '.' || stop[-1] == '-'))
        stop--;

      if (start >= at || at - start > 64 || stop - (at + 1) > 253 || at[-1] == '.')
        continue;
      local = g_strndup (start, at - start);
      domain = g_strndup (at + 1, stop - (at + 1));
      if (strstr (local, "..") != NULL || !is_valid_domain (domain))
        continue;
      lower = g_utf8_strdown (domain, -1);
      *value = g_strconcat (local, "@", lower, NULL);
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_phone_char (char c)
{
  return g_ascii_isdigit (c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
         c == '/';
}

/* The digits of the phone number running from @p; @end is after its last digit. */
static char *
phone_digits (const char *p, const char **end)
{
  GString *digits = g_string_new (NULL);
  gboolean plus = FALSE;

  *end = p + 1;
  if (*p == '+')
    {
      plus = TRUE;
      p++;
      while (*p == ' ')
        p++;
    }
  for (; is_phone_char (*p); p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          *end = p + 1;
        }
    }
  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2); /* the international prefix */
      plus = TRUE;
    }
  if (plus)
    g_string_prepend_c (digits, '+');
  return g_string_free (digits, FALSE);
}

gboolean
va_entity_extract_phone (VaEntityInput *in, char **value)
{
  const char *text = in->source;

  for (const char *p = text; *p != '\0'; )
    {
      g_autofree char *digits = NULL;
      const char *end;
      gboolean is_date;
      gsize n;

      if (!(g_ascii_isdigit (*p) || *p == '+' || *p == '(') ||
          (p > text && g_ascii_isalnum (p[-1])))
        {
          p++;
          continue;
        }
      digits = phone_digits (p, &end);
      n = strlen (digits) - (digits[0] == '+' ? 1 : 0);
      /* "2026-12-01" is a date */
      is_date = end - p == 10 && p[4] == '-' && p[7] == '-' && n == 8;
      p = end;
      if (n >= 7 && n <= 15 && !g_ascii_isalnum (*end) && !is_date)
        {
          *value = g_steal_pointer (&digits);
          return TRUE;
        }
    }
  return FALSE;
}

static const char * const common_tlds[] = {
  "com", "org", "net", "edu", "gov", "io", "dev", "app", "info", "biz", "co", "uk", "us", "de",
  "fr", "eu", "ca", "au", "nl", "es", "it", "ch", "se", "no", "jp", "in", "me", NULL
};

static gboolean
is_url_char (gunichar c)
{
  return !g_unichar_isspace (c) && c >= 0x20 && c != 0x7F &&
         (c >= 0x80 || strchr ("<>\"`{}|\\^", (int) c) == NULL);
}

/* Cuts the punctuation that ends the sentence around a URL: "(see https://x.org/a)." */
static gsize
trim_url (const char *url, gsize len)
{
  while (len > 0)
    {
      char c = url[len - 1];
      int open = 0;

      if (c == ')' || c == ']')
        {
          char opener = c == ')' ? '(' : '[';

          for (gsize i = 0; i < len; i++)
            open += url[i] == opener ? 1 : url[i] == c ? -1 : 0;
          if (open >= 0)
            break; /* balanced: part of the URL, as in Wikipedia's */
        }
      else if (strchr (".,;:!?'*", c) == NULL)
        break;
      len--;
    }
  return len;
}

static gboolean
is_http_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0';
}

/* A host without scheme: "www.gnome.org/about", or "gnome.org" with a common top-level domain. */
static gboolean
is_bare_host (const char *candidate)
{
  g_autofree char *host = g_strndup (candidate, strcspn (candidate, "/?#:"));
  const char *dot = strrchr (host, '.');
  g_autofree char *tld = NULL;

  if (strchr (candidate, '@') != NULL || dot == NULL)
    return FALSE;
  if (!is_valid_domain (host))
    return FALSE;
  if (g_ascii_strncasecmp (host, "www.", 4) == 0)
    return TRUE;
  tld = g_ascii_strdown (dot + 1, -1);
  return g_strv_contains (common_tlds, tld);
}

gboolean
va_entity_extract_url (VaEntityInput *in, char **value)
{
  const char *text = in->source;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *stop = p;
      g_autofree char *candidate = NULL;
      gboolean has_scheme;
      gsize len;

      if (p > text && g_ascii_isalnum (p[-1]))
        continue; /* candidates start a word */
      has_scheme = g_ascii_strncasecmp (p, "http://", 7) == 0 ||
                   g_ascii_strncasecmp (p, "https://", 8) == 0;
      /* A bare host is no URL inside "ftp://www.x.org" or "bob@x.org". */
      if (!has_scheme && (!g_unichar_isalnum (g_utf8_get_char (p)) ||
                          (p > text && strchr (":/@.-_", p[-1]) != NULL)))
        continue;
      while (*stop != '\0' && is_url_char (g_utf8_get_char (stop)))
        stop = g_utf8_next_char (stop);
      len = trim_url (p, stop - p);
      candidate = g_strndup (p, len);

      if (!has_scheme)
        {
          g_autofree char *bare = g_steal_pointer (&candidate);

          if (!is_bare_host (bare))
            continue;
          candidate = g_strconcat ("https://", bare, NULL);
        }
      if (is_http_url (candidate))
        {
          *value = g_steal_pointer (&candidate);
          return TRUE;
        }
    }
  return FALSE;
}
