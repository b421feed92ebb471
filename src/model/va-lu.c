/* va-lu.c — Bot Framework .lu files: import (the export is in va-lu-export.c)
 *
 * A .lu file (LUDown, Bot Framework Composer) lists intents as "# Name" sections of "- utterance"
 * lines, and entities as "@ list", "@ regex" definitions (or the older "$name:value=" lines).
 * Importing reads the file into plain lists first, checking every limit with its line number, and
 * builds the bot only once the whole file is known to be good: a hostile file never gets a
 * half-built bot, and the limits are those of the .vabot format, so an imported bot always saves
 * and loads again.
 *
 * What a bot has no place for (QnA pairs, references to other files, machine-learned entities,
 * the None intent) is skipped and reported as a warning, each with its line.
 *
 * This file keeps va_lu_import(), the parser's lists and their warnings and errors;
 * va-lu-parse.c reads the text into the lists, va-lu-build.c makes the bot from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-lu-private.h"
#include "va-template.h"

G_DEFINE_QUARK (va-lu-error-quark, va_lu_error)

/* Beyond this, warnings are counted but not listed: a generated file may have thousands. */
#define MAX_WARNINGS      200

static void
lu_intent_free (VaLuIntent *intent)
{
  g_free (intent->name);
  g_ptr_array_unref (intent->phrases);
  g_hash_table_unref (intent->seen);
  g_free (intent);
}

void
va_lu_item_free (VaLuItem *item)
{
  g_free (item->value);
  g_ptr_array_unref (item->synonyms);
  g_free (item);
}

static void
lu_entity_free (VaLuEntity *entity)
{
  g_free (entity->name);
  g_free (entity->pattern);
  g_ptr_array_unref (entity->items);
  g_free (entity);
}

static void
lu_parser_init (VaLuParser *p,
                GPtrArray  *warnings)
{
  memset (p, 0, sizeof *p);
  p->intents = g_ptr_array_new_with_free_func ((GDestroyNotify) lu_intent_free);
  p->intents_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  p->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) lu_entity_free);
  p->entities_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  p->warnings = warnings;
  p->warning_lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
lu_parser_clear (VaLuParser *p)
{
  g_clear_pointer (&p->intents_by_name, g_hash_table_unref);
  g_clear_pointer (&p->intents, g_ptr_array_unref);
  g_clear_pointer (&p->entities_by_name, g_hash_table_unref);
  g_clear_pointer (&p->entities, g_ptr_array_unref);
  g_clear_pointer (&p->app_name, g_free);
  g_clear_pointer (&p->culture, g_free);
  g_clear_pointer (&p->warning_lines, g_array_unref);
}

G_GNUC_PRINTF (3, 0)
static void
lu_warn_valist (VaLuParser *p,
                guint       line,
                const char *format,
                va_list     args)
{
  g_autofree char *message = NULL;

  p->n_warnings++;
  if (p->warnings == NULL || p->n_warnings > MAX_WARNINGS)
    return;

  message = g_strdup_vprintf (format, args);
  /* Translators: a warning about one line of a .lu file */
  g_ptr_array_add (p->warnings, g_strdup_printf (_("line %u: %s"), line, message));
  g_array_append_val (p->warning_lines, line);
}

/* Warnings found while building the bot are about earlier lines: put them in file order. */
static void
sort_warnings (VaLuParser *p)
{
  guint n = p->warnings->len;
  g_autofree guint *order = NULL;
  g_autofree gpointer *sorted = NULL;

  if (n < 2)
    return;
  order = g_new (guint, n);
  sorted = g_new (gpointer, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  /* insertion sort: stable, and warnings are few (at most MAX_WARNINGS) and nearly in order */
  for (guint i = 1; i < n; i++)
    {
      guint k = order[i], j = i;

      while (j > 0 && g_array_index (p->warning_lines, guint, order[j - 1]) >
                      g_array_index (p->warning_lines, guint, k))
        {
          order[j] = order[j - 1];
          j--;
        }
      order[j] = k;
    }
  for (guint i = 0; i < n; i++)
    sorted[i] = p->warnings->pdata[order[i]];
  memcpy (p->warnings->pdata, sorted, n * sizeof (gpointer));
}

/* A warning about the line being read. */
void
va_lu_warn (VaLuParser *p,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  lu_warn_valist (p, p->line, format, args);
  va_end (args);
}

/* A warning found later about an earlier line. */
void
va_lu_warn_at (VaLuParser *p,
               guint       line,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  lu_warn_valist (p, line, format, args);
  va_end (args);
}

gboolean
va_lu_fail (VaLuParser  *p,
            GError     **error,
            VaLuError    code,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VA_LU_ERROR, code, _("line %u: %s"), p->line, message);
  return FALSE;
}

/**
 * va_lu_import:
 * @text: the .lu file's bytes (UTF-8, with or without a byte order mark)
 * @length: their length
 * @bot_name: (nullable): the new bot's name; without it the file's "@app.name", or "Imported bot"
 * @warnings: (out) (optional) (transfer full) (element-type utf8): what was skipped, one line each
 * @error: return location for a #VA_LU_ERROR
 *
 * Makes a new bot from a Bot Framework .lu file: the system topics of a new bot, then one topic
 * per intent ("# Name"), whose "- utterance" lines become its trigger phrases and which says
 * "This is the Name topic.". Entity labels in utterances ("{@city=Paris}") become their text.
 * "@ list" and "@ regex" entities (and the older "$name:value=" and "$name:/pattern/") become
 * custom entities; prebuilt ones exist already. An intent named like a system topic that has
 * trigger phrases (Greeting, Goodbye, …) adds its utterances to that topic; two sections with the
 * same name merge. The None intent, QnA pairs, references and other entity types are skipped
 * with a warning.
 *
 * Errors name the line: "line 12: …". The limits are those of the .vabot format, so the bot
 * always saves and loads: %VA_LU_MAX_SIZE bytes, %VA_LU_MAX_INTENTS intents,
 * %VA_LU_MAX_PHRASES utterances per intent.
 *
 * Returns: (transfer full) (nullable): the new bot, or %NULL with @error set
 */
VaBot *
va_lu_import (const char  *text,
              gsize        length,
              const char  *bot_name,
              GPtrArray  **warnings,
              GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VaBot) bot = NULL;
  VaLuParser p;
  gboolean ok;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;
  if (length > VA_LU_MAX_SIZE)
    {
      g_set_error (error, VA_LU_ERROR, VA_LU_ERROR_LIMIT,
                   _("The .lu text is too large (%zu bytes; at most %d MiB)"), length,
                   VA_LU_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  lu_parser_init (&p, found);
  ok = va_lu_parse_text (&p, text != NULL ? text : "", length, error);
  if (ok)
    {
      bot = va_template_new_bot ();
      ok = va_lu_build_bot (&p, bot, bot_name, error);
    }
  sort_warnings (&p);
  if (p.n_warnings > MAX_WARNINGS)
    g_ptr_array_add (found, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more warning",
                                                          "… and %u more warnings",
                                                          p.n_warnings - MAX_WARNINGS),
                                             p.n_warnings - MAX_WARNINGS));
  lu_parser_clear (&p);
  if (!ok)
    return NULL;

  if (warnings != NULL)
    *warnings = g_steal_pointer (&found);
  return g_steal_pointer (&bot);
}
