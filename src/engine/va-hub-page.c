/* va-hub-page.c — the agent's page of the local hub, filled in once in the user's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * page.html, page.css and page.js come from the hub's GResource. The page's texts are here, so
 * that they are translated with the rest of the app: page.html says {{t:KEY}} where a text goes
 * (it is HTML-escaped there), and {{strings}} where all of them go as one JSON object, in a
 * <script type="application/json"> block that page.js reads (a data block, never run).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-hub-private.h"
#include "va-hub-resources.h"

#define RESOURCE_DIR "/com/example/VirtualAgent/hub/"

typedef struct
{
  const char *key;
  const char *text;
} PageText;

static const PageText page_texts[] = {
  /* The page itself (page.html) */
  { "title", N_("Agent chat — Virtual Agent") },
  { "heading", N_("Agent chat") },
  { "subtitle", N_("Virtual Agent · local engagement hub") },
  { "loading", N_("Loading…") },
  /* TRANSLATORS: the agent takes the conversation that the bot handed off */
  { "accept", N_("Accept") },
  /* TRANSLATORS: the agent is done and gives the conversation back to the bot */
  { "resolve", N_("Resolve") },
  /* TRANSLATORS: the agent does not take the conversation; it goes back to the bot */
  { "decline", N_("Decline") },
  { "conversation", N_("Conversation") },
  { "transcript", N_("Transcript") },
  { "empty", N_("The conversation has no messages yet.") },
  { "reply-label", N_("Reply to the customer") },
  { "reply-placeholder", N_("Write a reply… (Enter sends, Shift+Enter starts a new line)") },
  { "send", N_("Send") },
  { "agent-message", N_("Message for the agent") },
  { "context", N_("Context") },
  { "variables", N_("Bot variables") },
  /* What page.js shows */
  /* TRANSLATORS: who wrote a message of the transcript, on the agent's page */
  { "customer", N_("Customer") },
  { "bot", N_("Bot") },
  { "you", N_("You (agent)") },
  { "pending", N_("Waiting for an agent") },
  { "accepted", N_("Accepted") },
  { "completed", N_("Resolved") },
  { "failed", N_("Declined") },
  /* TRANSLATORS: a list of variables that has none */
  { "none", N_("None") },
  { "resolved-banner", N_("Resolved: the bot has the conversation again.") },
  { "declined-banner", N_("Declined: the bot has the conversation again.") },
  { "bad-token", N_("This link is not valid: its token is wrong.") },
  { "gone", N_("This conversation is no longer with the hub.") },
  { "offline", N_("The hub cannot be reached. Is Virtual Agent still running?") },
  /* TRANSLATORS: %s is the conversation's id */
  { "conversation-id", N_("Conversation %s") },
  /* TRANSLATORS: the browser tab's title; %s is the bot's name */
  { "bot-title", N_("Agent chat — %s") },
  { "no-message", N_("No message.") },
  /* TRANSLATORS: %s is the error, e.g. "HTTP 500" */
  { "not-sent", N_("The reply was not sent (%s).") },
  /* TRANSLATORS: %s is the error, e.g. "HTTP 500" */
  { "not-taken", N_("The hub did not take this (%s).") },
};

static char *
resource_text (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (va_hub_page_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The texts as a JSON object that is safe inside <script>: no "<" (so no "</script>"), and
 * no "&" or ">" either, in case a browser reads it as HTML after all. */
static char *
texts_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  GString *safe;

  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (page_texts); i++)
    {
      json_builder_set_member_name (builder, page_texts[i].key);
      json_builder_add_string_value (builder, _(page_texts[i].text));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  safe = g_string_sized_new (strlen (json));
  for (const char *p = json; *p != '\0'; p++)
    {
      if (*p == '<' || *p == '>' || *p == '&')
        g_string_append_printf (safe, "\\u%04x", (guint) *p);
      else
        g_string_append_c (safe, *p);
    }
  return g_string_free (safe, FALSE);
}

/* Puts the style sheet, the script and the texts into the page once; each answer then only adds
 * its nonce where the page says {{nonce}}. */
gboolean
va_hub_load_page (VaHub   *self,
                  GError **error)
{
  g_autofree char *html = resource_text ("page.html", error);
  g_autofree char *css = html != NULL ? resource_text ("page.css", error) : NULL;
  g_autofree char *js = css != NULL ? resource_text ("page.js", error) : NULL;
  g_autofree char *strings = NULL;
  g_autoptr(GString) page = NULL;

  if (js == NULL)
    return FALSE;
  page = g_string_new (html);
  for (gsize i = 0; i < G_N_ELEMENTS (page_texts); i++)
    {
      g_autofree char *marker = g_strdup_printf ("{{t:%s}}", page_texts[i].key);
      g_autofree char *escaped = g_markup_escape_text (_(page_texts[i].text), -1);

      g_string_replace (page, marker, escaped, 0);
    }
  /* TRANSLATORS: the language code of this translation (e.g. "fr"), for the agent page's
   * <html lang="…">. */
  g_string_replace (page, "{{lang}}", C_("page language", "en"), 1);
  strings = texts_json ();
  g_string_replace (page, "{{strings}}", strings, 1);
  g_string_replace (page, "{{style}}", css, 1);
  g_string_replace (page, "{{script}}", js, 1);
  g_clear_pointer (&self->page_parts, g_strfreev);
  self->page_parts = g_strsplit (page->str, "{{nonce}}", -1);
  return TRUE;
}
