/* va-recovery-offer.c — at startup, the recovery copies a crashed run left, and the question
 *
 * The copies are those in the recovery folder whose lock nobody holds (see va-recovery.c).
 * "Restore" opens each in a window, unsaved, which takes the copy over; "Discard" removes
 * them; Escape leaves them for the next start. A copy that cannot be read is told about and
 * kept: nothing goes without the user's word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _DEFAULT_SOURCE /* lstat () under -std=c11 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "va-format.h"
#include "va-json-value.h"
#include "va-message-node.h"
#include "va-recovery-private.h"
#include "va-window-private.h"

/* The sidecar holds a name, an address and a time. */
#define SIDECAR_MAX_SIZE (64 * 1024)

/* {{{ Finding lost copies */

typedef struct
{
  char      *id;
  char      *name;
  char      *uri;       /* nullable */
  GDateTime *time;
  int        lock_fd;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->uri);
  g_clear_pointer (&entry->time, g_date_time_unref);
  va_recovery_release_lock (&entry->lock_fd);
  g_free (entry);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The sidecar only describes the copy: when it is missing or damaged the copy is still offered. */
static void
read_sidecar (Entry *entry)
{
  g_autofree char *path = va_recovery_path_for (entry->id, ".json");
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  GStatBuf sidecar_stat;

  /* A crash or a full disk may have left anything there: read it as untrusted, small JSON. */
  if (g_stat (path, &sidecar_stat) == 0 && sidecar_stat.st_size <= SIDECAR_MAX_SIZE &&
      g_file_get_contents (path, &contents, &length, NULL) &&
      (root = va_json_value_parse (contents, length, NULL)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *name = member_string (object, "name");
      const char *uri = member_string (object, "uri");
      const char *time = member_string (object, "time");

      /* g_utf8_substring() reads past an end beyond the string. */
      if (name != NULL && name[0] != '\0' && g_utf8_validate (name, -1, NULL))
        entry->name = g_utf8_strlen (name, -1) > 200 ? g_utf8_substring (name, 0, 200)
                                                     : g_strdup (name);
      if (uri != NULL && g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
        entry->uri = g_strdup (uri);
      if (time != NULL)
        entry->time = g_date_time_new_from_iso8601 (time, NULL);
    }

  if (entry->time == NULL)
    {
      g_autofree char *data_path = va_recovery_path_for (entry->id, ".vabot");
      GStatBuf buf;

      entry->time = g_stat (data_path, &buf) == 0 ? g_date_time_new_from_unix_utc (buf.st_mtime)
                                                  : g_date_time_new_now_utc ();
    }
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Entry *ea = *(Entry **) a;
  const Entry *eb = *(Entry **) b;

  return g_date_time_compare (eb->time, ea->time);
}

/* g_file_set_contents_full() writes into `NAME.XXXXXX` first. */
static gboolean
is_temp_name (const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = NULL;

  if (dot == NULL || strlen (dot) != strlen (".XXXXXX"))
    return FALSE;
  stem = g_strndup (name, dot - name);
  return g_str_has_suffix (stem, ".vabot") || g_str_has_suffix (stem, ".json");
}

/* A sidecar or lock without its bot (a crash between two removals) holds nothing to recover,
 * nor does the temporary file of a write that a crash interrupted (`<id>.vabot.XXXXXX`,
 * `<id>.json.XXXXXX`: one older than a minute is no live write's).
 */
static void
remove_leftover (const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *id = NULL;
  g_autofree char *bot_path = NULL;
  gboolean held_elsewhere;
  int fd;

  if (is_temp_name (name))
    {
      g_autofree char *dir = va_recovery_get_dir ();
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf buf;

      if (g_lstat (path, &buf) == 0 && S_ISREG (buf.st_mode) &&
          buf.st_mtime < g_get_real_time () / G_USEC_PER_SEC - 60)
        g_unlink (path);
      return;
    }

  if (dot == NULL || (!g_str_equal (dot, ".json") && !g_str_equal (dot, ".lock")))
    return;
  id = g_strndup (name, dot - name);
  bot_path = va_recovery_path_for (id, ".vabot");
  if (!va_recovery_is_valid_id (id) || g_file_test (bot_path, G_FILE_TEST_EXISTS))
    return;
  fd = va_recovery_take_lock (id, &held_elsewhere);
  if (!held_elsewhere && !g_file_test (bot_path, G_FILE_TEST_EXISTS))
    va_recovery_remove_files (id);
  va_recovery_release_lock (&fd);
}

/* The copies no live process holds, each with its lock now held by us. */
static GPtrArray *
find_lost_copies (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autofree char *dir_path = va_recovery_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return entries;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      gboolean held_elsewhere;
      Entry *entry;

      if (!g_str_has_suffix (name, ".vabot"))
        {
          remove_leftover (name);
          continue;
        }
      id = g_strndup (name, strlen (name) - strlen (".vabot"));
      if (!va_recovery_is_valid_id (id))
        continue;

      entry = g_new0 (Entry, 1);
      entry->lock_fd = va_recovery_take_lock (id, &held_elsewhere);
      if (held_elsewhere)
        {
          g_free (entry);
          continue;
        }
      entry->id = g_steal_pointer (&id);
      read_sidecar (entry);
      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, newest_first);
  return entries;
}

/* }}} */
/* {{{ The dialog */

static char *
describe_entry (const Entry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->time);
  /* Translators: the date and time of a recovery copy, see g_date_time_format() */
  g_autofree char *when = g_date_time_format (local, _("%Y-%m-%d %H:%M"));
  g_autofree char *where = NULL;

  if (entry->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (entry->uri);

      where = g_file_get_parse_name (file);
    }
  /* Translators: the first %s is a date and time, the second a file's path */
  return where != NULL ? g_strdup_printf (_("%s · %s"), when, where)
                       : g_strdup_printf (_("%s · Never saved"), when);
}

static gboolean
close_if_pristine (gpointer user_data)
{
  GtkWindow *window = user_data;

  if (VA_IS_WINDOW (window) && va_window_is_pristine (VA_WINDOW (window)))
    gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
restore_entries (VaApplication *application,
                 GtkWindow     *parent,
                 GPtrArray     *entries)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  GtkWindow *last = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autofree char *path = va_recovery_path_for (entry->id, ".vabot");
      g_autoptr(GFile) copy = g_file_new_for_path (path);
      g_autoptr(GFile) original = entry->uri != NULL ? g_file_new_for_uri (entry->uri) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VaBot) bot = va_format_load_file (copy, NULL, &error);
      VaWindow *window;
      VaRecovery *recovery;

      if (bot == NULL)
        {
          /* The copy stays where it is, and is offered again at the next start. */
          g_string_append_printf (failures, "%s: %s\n",
                                  entry->name != NULL ? entry->name : _("Unnamed bot"),
                                  error->message);
          continue;
        }

      window = va_window_new (application, bot, original);
      recovery = va_window_get_recovery (window);
      if (recovery != NULL)
        {
          va_recovery_adopt (recovery, entry->id, entry->lock_fd);
          entry->lock_fd = -1;
        }
      va_window_set_recovered (window);
      gtk_window_present (GTK_WINDOW (window));
      last = GTK_WINDOW (window);
    }

  /* The new bot shown at startup, untouched, makes way for the restored ones (once the
   * dialog that belongs to it is gone).
   */
  if (last != NULL && VA_IS_WINDOW (parent) && va_window_is_pristine (VA_WINDOW (parent)))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_if_pristine, g_object_ref (parent), g_object_unref);
  else if (last == NULL)
    last = parent;

  if (failures->len > 0 && VA_IS_WINDOW (last))
    {
      g_autofree char *dir = va_recovery_get_dir ();
      g_autofree char *details = NULL;

      g_string_truncate (failures, failures->len - 1);
      details = g_strdup_printf (_("%s\n\nThe recovery files were kept in %s."), failures->str, dir);
      va_window_show_error (VA_WINDOW (last), _("Some Changes Could Not Be Recovered"), details);
    }
}

static void
recovery_response (AdwMessageDialog *dialog,
                   const char       *response,
                   VaApplication    *application)
{
  GPtrArray *entries = g_object_get_data (G_OBJECT (dialog), "va-recovery-entries");

  if (g_str_equal (response, "restore"))
    restore_entries (application, gtk_window_get_transient_for (GTK_WINDOW (dialog)), entries);
  else if (g_str_equal (response, "discard"))
    for (guint i = 0; i < entries->len; i++)
      va_recovery_remove_files (((Entry *) g_ptr_array_index (entries, i))->id);
  /* Otherwise (Escape) the copies stay, and are offered again at the next start. The locks
   * not handed to a window go now, not whenever the dialog is finalized.
   */
  g_object_set_data (G_OBJECT (dialog), "va-recovery-entries", NULL);
}

/**
 * va_recovery_offer:
 * @application: the application, which the restored bots' windows join
 * @parent: the window the dialog belongs to; destroyed on "Restore" if it shows a new bot
 *   nobody changed
 *
 * Looks for recovery copies that no live window owns (left by a crash) and asks whether to
 * restore them. "Restore" opens each in a window, marked unsaved; "Discard" removes them.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when nothing was lost
 */
GtkWidget *
va_recovery_offer (VaApplication *application,
                   GtkWindow     *parent)
{
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  guint n;

  g_return_val_if_fail (VA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  entries = find_lost_copies ();
  n = entries->len;
  if (n == 0)
    return NULL;

  dialog = adw_message_dialog_new (parent, _("Recover Unsaved Changes?"),
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "Virtual Agent quit before this bot was saved. "
                                                "Restore it to keep working on your changes.",
                                                "Virtual Agent quit before these bots were saved. "
                                                "Restore them to keep working on your changes.",
                                                n));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < n; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe_entry (entry);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     entry->name != NULL ? entry->name : _("Unnamed bot"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");

  g_object_set_data_full (G_OBJECT (dialog), "va-recovery-entries", g_steal_pointer (&entries),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response), application, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* }}} */
/* {{{ Test hook */

/**
 * va_recovery_run_test_script:
 * @window: a window
 * @script: commands separated by `;`
 *
 * For tests only: the crash test (tests/test-recovery.c) starts the real binary with
 * VA_TEST_SCRIPT set, and the application calls this once startup (and its recovery
 * question) is over, so that the test can make edits without driving the UI from outside.
 * `name=TEXT` renames the bot, `topic=TEXT` appends a topic; both go through the window's
 * history as the editor's own edits do. Nothing calls this without that variable.
 */
void
va_recovery_run_test_script (GtkWindow  *window,
                             const char *script)
{
  g_auto(GStrv) commands = NULL;
  VaHistory *history;
  VaBot *bot;

  g_return_if_fail (script != NULL);

  if (!VA_IS_WINDOW (window))
    return;
  history = va_window_get_history (VA_WINDOW (window));
  bot = va_window_get_bot (VA_WINDOW (window));
  commands = g_strsplit (script, ";", -1);
  for (guint i = 0; commands[i] != NULL; i++)
    {
      const char *command = commands[i];

      va_history_seal (history);
      if (g_str_has_prefix (command, "name="))
        va_history_set (history, bot, "name", command + strlen ("name="), NULL);
      else if (g_str_has_prefix (command, "topic="))
        {
          const char *name = command + strlen ("topic=");
          g_autoptr(VaTopic) topic = va_topic_new ();
          g_autoptr(VaMessageNode) message = va_message_node_new ("n1");
          g_autofree char *id = va_bot_make_topic_id (bot, name);

          va_topic_set_id (topic, id);
          va_topic_set_name (topic, name);
          va_message_node_set_text (message, name);
          g_list_store_append (G_LIST_STORE (va_topic_get_nodes (topic)), message);
          va_topic_set_start (topic, "n1");
          va_history_append (history, va_bot_get_topics (bot), topic);
        }
      else if (command[0] != '\0')
        g_printerr ("VA_TEST_SCRIPT: unknown command “%s”\n", command);
    }
}

/* }}} */
