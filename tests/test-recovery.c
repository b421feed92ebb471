/* test-recovery.c: nothing is lost on a crash (under Xvfb)
 *
 * The crash itself happens to the real binary: it is started with VA_TEST_SCRIPT (edits made
 * through the window's history), killed with SIGKILL once its recovery copy holds the edits,
 * started again answering the recovery question with Restore (VA_TEST_RECOVERY_RESPONSE),
 * edited and killed once more. This process then plays the next start: its own
 * VaApplication activates, and the test answers the dialog and looks at the restored window.
 * Every run shares a temporary XDG_STATE_HOME and VA_AUTOSAVE_INTERVAL=1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "va-format.h"
#include "va-recovery.h"
#include "va-template.h"
#include "va-test-ui.h"
#include "va-window-private.h"

#define WAIT_SECONDS 30

static char *tmp_dir;
static char *recovery_dir;
static VaApplication *app;

/* {{{ Helpers */

static gboolean
wait_until (VaTestCondition condition,
            gpointer        data)
{
  return va_test_wait (condition, data, WAIT_SECONDS);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
}

static char *
copy_path (const char *id,
           const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (recovery_dir, name, NULL);
}

/* The ids of the copies on disk, sorted. */
static GPtrArray *
list_copies (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (recovery_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".vabot"))
      g_ptr_array_add (ids, g_strndup (name, strlen (name) - strlen (".vabot")));
  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  return ids;
}

/* The copies' files; a temporary file of a write the kill interrupted does not count. */
static guint
count_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (recovery_dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".vabot") || g_str_has_suffix (name, ".json") ||
        g_str_has_suffix (name, ".lock"))
      n++;
    else
      g_test_message ("temporary file %s", name);
  return n;
}

static char *
read_file (const char *id,
           const char *suffix)
{
  g_autofree char *path = copy_path (id, suffix);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

/* A copy whose bot and sidecar hold every one of the NULL-terminated strings. */
typedef struct
{
  const char *const *needles;
  char              *id;
  GSubprocess       *process;   /* nullable: the app that writes it, which must not die */
} CopyQuery;

static gboolean
copy_holds (gpointer data)
{
  CopyQuery *query = data;
  g_autoptr(GPtrArray) ids = list_copies ();

  if (query->process != NULL && g_subprocess_get_identifier (query->process) == NULL)
    g_error ("The app exited (status %d) before writing its recovery copy",
             g_subprocess_get_status (query->process));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *bot = read_file (id, ".vabot");
      g_autofree char *sidecar = read_file (id, ".json");
      gboolean all = bot != NULL && sidecar != NULL;

      for (guint j = 0; all && query->needles[j] != NULL; j++)
        all = strstr (bot, query->needles[j]) != NULL;
      if (all)
        {
          g_free (query->id);
          query->id = g_strdup (id);
          return TRUE;
        }
    }
  return FALSE;
}

static JsonObject *
read_sidecar (const char *id)
{
  g_autofree char *path = copy_path (id, ".json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
widget_text (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = va_test_collect_widgets (widget, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_label (g_ptr_array_index (labels, i)));
  return g_string_free (text, FALSE);
}

static AdwMessageDialog *
find_dialog (const char *heading_prefix)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading_prefix))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer heading_prefix)
{
  return find_dialog (heading_prefix) != NULL;
}

static VaWindow *
find_window (const char *bot_name)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (VA_IS_WINDOW (l->data) &&
        g_strcmp0 (va_bot_get_name (va_window_get_bot (l->data)), bot_name) == 0)
      return l->data;
  return NULL;
}

static guint
count_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    n += VA_IS_WINDOW (l->data);
  return n;
}

static gboolean
has_topic (VaBot      *bot,
           const char *name)
{
  GListModel *topics = va_bot_get_topics (bot);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      if (g_strcmp0 (va_topic_get_name (topic), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
window_gone (gpointer data)
{
  return find_window (data) == NULL;
}

/* Closes a window with unsaved changes the way the user does: the prompt, then "Discard". */
static void
close_discarding (VaWindow *window)
{
  g_autofree char *name = g_strdup (va_bot_get_name (va_window_get_bot (window)));
  AdwMessageDialog *prompt;

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (wait_until (dialog_shown, (gpointer) "Save Changes"));
  prompt = find_dialog ("Save Changes");
  adw_message_dialog_response (prompt, "discard");
  g_assert_true (wait_until (window_gone, name));
}

/* A copy as a crashed run leaves it: nobody holds its lock. */
static char *
plant_copy (const char *name,
            const char *uri,
            const char *damaged_data)
{
  char *id = g_uuid_string_random ();
  g_autofree char *bot_path = copy_path (id, ".vabot");
  g_autofree char *sidecar_path = copy_path (id, ".json");
  g_autofree char *sidecar = NULL;
  g_autofree char *data = NULL;
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (recovery_dir, 0700), ==, 0);
  va_bot_set_name (bot, name);
  data = damaged_data != NULL ? g_strdup (damaged_data) : va_format_save_data (bot, NULL);
  g_file_set_contents (bot_path, data, -1, &error);
  g_assert_no_error (error);
  sidecar = g_strdup_printf ("{ \"format\": \"virtual-agent-recovery\", \"version\": 1, "
                             "\"uri\": %s%s%s, \"name\": \"%s\", \"time\": \"2024-05-06T07:08:09Z\" }",
                             uri != NULL ? "\"" : "", uri != NULL ? uri : "null", uri != NULL ? "\"" : "",
                             name);
  g_file_set_contents (sidecar_path, sidecar, -1, &error);
  g_assert_no_error (error);
  return id;
}

static VaWindow *
new_window (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaWindow *window = va_window_new (app, bot, NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
not_busy (gpointer recovery)
{
  return !va_recovery_is_busy (recovery);
}

static gboolean
no_copies (gpointer data)
{
  g_autoptr(GPtrArray) ids = list_copies ();

  return ids->len == 0;
}

/* }}} */
/* {{{ Autosave in process */

static void
test_autosave (void)
{
  VaWindow *window = new_window ();
  VaBot *bot = va_window_get_bot (window);
  VaHistory *history = va_window_get_history (window);
  VaRecovery *recovery = va_window_get_recovery (window);
  const char *id = va_recovery_get_id (recovery);
  const char *needles[] = { "Autosaved Bot", NULL };
  CopyQuery query = { needles, NULL, NULL };
  g_autofree char *saved_dir = g_dir_make_tmp ("va-recovery-save-XXXXXX", NULL);
  g_autofree char *saved_path = g_build_filename (saved_dir, "support.vabot", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autofree char *saved_uri = g_file_get_uri (saved);
  g_autoptr(JsonObject) sidecar = NULL;
  g_autoptr(GDateTime) time = NULL;
  GStatBuf buf;

  g_assert_cmpuint (va_recovery_get_interval (recovery), ==, 1);
  g_assert_false (va_window_get_modified (window));
  g_assert_false (va_recovery_is_busy (recovery));

  /* An edit: the copy follows within the interval, in a private folder. */
  va_history_set (history, bot, "name", "Autosaved Bot", NULL);
  g_assert_true (va_recovery_is_busy (recovery));
  g_assert_true (wait_until (copy_holds, &query));
  g_assert_cmpstr (query.id, ==, id);
  g_assert_true (wait_until (not_busy, recovery));
  g_assert_cmpint (g_stat (recovery_dir, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);
  sidecar = read_sidecar (id);
  g_assert_true (json_node_is_null (json_object_get_member (sidecar, "uri")));
  g_assert_cmpstr (json_object_get_string_member (sidecar, "name"), ==, "Autosaved Bot");
  time = g_date_time_new_from_iso8601 (json_object_get_string_member (sidecar, "time"), NULL);
  g_assert_nonnull (time);
  {
    g_autofree char *data = read_file (id, ".vabot");
    g_autoptr(GError) error = NULL;
    g_autoptr(VaBot) copy = va_format_load_data (data, -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (va_bot_get_name (copy), ==, "Autosaved Bot");
  }

  /* Nothing changed since: no timer, no write. */
  spin (1500);
  g_assert_false (va_recovery_is_busy (recovery));

  /* Undone back to the saved state, there is nothing to recover; redone, there is again. */
  va_history_undo (history);
  g_assert_false (va_window_get_modified (window));
  g_assert_cmpuint (count_files (), ==, 0);
  va_history_redo (history);
  g_assert_true (wait_until (copy_holds, &query));
  g_assert_true (wait_until (not_busy, recovery));

  /* Saving removes the copy and its sidecar and lock. */
  va_window_set_file (window, saved);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_false (va_window_get_modified (window));
  g_assert_cmpuint (count_files (), ==, 0);

  /* A saved bot's copy points back at its file; closing with "Discard" removes it. */
  va_history_set (history, bot, "name", "Autosaved Bot Again", NULL);
  needles[0] = "Autosaved Bot Again";
  g_assert_true (wait_until (copy_holds, &query));
  g_assert_true (wait_until (not_busy, recovery));
  g_clear_pointer (&sidecar, json_object_unref);
  sidecar = read_sidecar (id);
  g_assert_cmpstr (json_object_get_string_member (sidecar, "uri"), ==, saved_uri);
  close_discarding (window);
  g_assert_cmpuint (count_files (), ==, 0);

  g_free (query.id);
  {
    g_autofree char *backup = g_strconcat (saved_path, "~", NULL);

    g_unlink (saved_path);
    g_unlink (backup);
    g_rmdir (saved_dir);
  }
}

/* "Save" in the close prompt saves, closes, and leaves no copy behind. */
static void
test_close_saving (void)
{
  VaWindow *window = new_window ();
  VaRecovery *recovery = va_window_get_recovery (window);
  g_autofree char *dir = g_dir_make_tmp ("va-recovery-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.vabot", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VaBot) loaded = NULL;
  g_autoptr(GError) error = NULL;

  va_window_set_file (window, file);
  va_history_set (va_window_get_history (window), va_window_get_bot (window), "name", "Saved On Close", NULL);
  g_assert_true (wait_until (not_busy, recovery));
  g_assert_cmpuint (count_files (), ==, 3);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (wait_until (dialog_shown, (gpointer) "Save Changes"));
  adw_message_dialog_response (find_dialog ("Save Changes"), "save");
  g_assert_true (wait_until (window_gone, (gpointer) "Saved On Close"));
  g_assert_cmpuint (count_files (), ==, 0);
  loaded = va_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (va_bot_get_name (loaded), ==, "Saved On Close");

  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

/* The setting, unless the environment says otherwise; 0 turns the copies off. */
static void
test_interval_setting (void)
{
  GSettings *settings = va_application_get_settings (app);
  VaWindow *window;
  VaRecovery *recovery;

  g_assert_nonnull (settings);
  g_unsetenv ("VA_AUTOSAVE_INTERVAL");
  window = new_window ();
  recovery = va_window_get_recovery (window);
  g_assert_cmpuint (va_recovery_get_interval (recovery), ==, 30);
  g_settings_set_uint (settings, "autosave-interval", 0);
  g_assert_cmpuint (va_recovery_get_interval (recovery), ==, 0);
  va_history_set (va_window_get_history (window), va_window_get_bot (window), "name", "Off", NULL);
  g_assert_true (va_window_get_modified (window));
  g_assert_false (va_recovery_is_busy (recovery));
  g_settings_set_uint (settings, "autosave-interval", 5);
  g_assert_cmpuint (va_recovery_get_interval (recovery), ==, 5);
  g_assert_true (va_recovery_is_busy (recovery));

  g_setenv ("VA_AUTOSAVE_INTERVAL", "1", TRUE);
  g_settings_reset (settings, "autosave-interval");
  g_assert_cmpuint (va_recovery_get_interval (recovery), ==, 1);
  close_discarding (window);
  g_assert_cmpuint (count_files (), ==, 0);
}

/* A copy that a live window holds is not offered, whichever process asks. */
static void
test_live_copy_not_offered (void)
{
  VaWindow *window = new_window ();
  VaRecovery *recovery = va_window_get_recovery (window);

  va_history_set (va_window_get_history (window), va_window_get_bot (window), "name", "Live Bot", NULL);
  g_assert_true (wait_until (not_busy, recovery));
  g_assert_cmpuint (count_files (), ==, 3);
  g_assert_null (va_recovery_offer (app, GTK_WINDOW (window)));

  close_discarding (window);
  g_assert_cmpuint (count_files (), ==, 0);
}

/* }}} */
/* {{{ The real binary, killed */

static char *
app_binary (void)
{
  const char *env = g_getenv ("VA_APP_BINARY");

  if (env != NULL)
    return g_strdup (env);
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "ui", "virtual-agent", NULL);
}

static GSubprocess *
spawn_app (const char *script,
           const char *recovery_response)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *binary = app_binary ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));
  /* Its stdout is not TAP. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "VA_TEST_SCRIPT", script, TRUE);
  if (recovery_response != NULL)
    g_subprocess_launcher_setenv (launcher, "VA_TEST_RECOVERY_RESPONSE", recovery_response, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, NULL);
  g_assert_no_error (error);
  return process;
}

static void
kill_app (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

static void
test_crash_and_restore (void)
{
  const char *first_edits[] = { "Crash Test Bot", "Unsaved Topic", NULL };
  const char *second_edits[] = { "Crash Test Bot", "Unsaved Topic", "Second Topic", NULL };
  CopyQuery first = { first_edits, NULL, NULL };
  CopyQuery second = { second_edits, NULL, NULL };
  g_autoptr(GSubprocess) run1 = NULL;
  g_autoptr(GSubprocess) run2 = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  VaWindow *window;

  g_assert_cmpuint (count_files (), ==, 0);

  /* Edits, their copy, then a crash. */
  run1 = spawn_app ("name=Crash Test Bot;topic=Unsaved Topic", NULL);
  first.process = run1;
  g_assert_true (wait_until (copy_holds, &first));
  kill_app (run1);
  ids = list_copies ();
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* The next start restores it, keeps the same copy for the restored window (a second
   * crash loses nothing either) and writes the next edit into it.
   */
  run2 = spawn_app ("topic=Second Topic", "restore");
  second.process = run2;
  g_assert_true (wait_until (copy_holds, &second));
  g_assert_cmpstr (second.id, ==, first.id);
  kill_app (run2);
  ids = list_copies ();
  g_assert_cmpuint (ids->len, ==, 1);

  /* This process is the third start: activating shows a new bot and the question. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (wait_until (dialog_shown, (gpointer) "Recover Unsaved Changes?"));
  dialog = find_dialog ("Recover Unsaved Changes?");
  text = widget_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Crash Test Bot"));
  g_assert_nonnull (strstr (text, "Never saved"));
  va_test_save_screenshot (GTK_WIDGET (dialog), "recovery-dialog.png");

  adw_message_dialog_response (dialog, "restore");
  window = find_window ("Crash Test Bot");
  g_assert_nonnull (window);
  g_assert_true (has_topic (va_window_get_bot (window), "Unsaved Topic"));
  g_assert_true (has_topic (va_window_get_bot (window), "Second Topic"));
  g_assert_true (va_window_get_modified (window));
  g_assert_false (va_window_is_pristine (window));
  g_assert_null (va_window_get_file (window));
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (window->window_title), "• "));
  g_assert_cmpstr (va_recovery_get_id (va_window_get_recovery (window)), ==, first.id);
  /* The untouched new bot made way for it. */
  spin (200);
  g_assert_cmpuint (count_windows (), ==, 1);
  g_assert_cmpuint (count_files (), ==, 3);
  va_test_save_screenshot (GTK_WIDGET (window), "recovery-restored.png");

  /* Not saved, so closing asks; "Discard" is the user's choice, and the copy goes. */
  close_discarding (window);
  g_assert_cmpuint (count_files (), ==, 0);

  g_free (first.id);
  g_free (second.id);
}

/* }}} */
/* {{{ The dialog's other answers */

static void
test_discard (void)
{
  G_GNUC_UNUSED g_autofree char *a = plant_copy ("Orders Bot", "file:///tmp/va-recovery-test/orders.vabot", NULL);
  G_GNUC_UNUSED g_autofree char *b = plant_copy ("Billing Bot", NULL, NULL);
  VaWindow *window = new_window ();
  GtkWidget *dialog = va_recovery_offer (app, GTK_WINDOW (window));
  g_autofree char *text = NULL;

  g_assert_nonnull (dialog);
  text = widget_text (dialog);
  g_assert_nonnull (strstr (text, "Orders Bot"));
  g_assert_nonnull (strstr (text, "/tmp/va-recovery-test/orders.vabot"));
  g_assert_nonnull (strstr (text, "Billing Bot"));
  g_assert_nonnull (strstr (text, "Never saved"));
  va_test_save_screenshot (dialog, "recovery-dialog-two.png");

  /* Escape decides nothing: the copies are offered again. */
  gtk_window_close (GTK_WINDOW (dialog));
  spin (100);
  g_assert_null (find_dialog ("Recover"));
  g_assert_cmpuint (count_files (), >=, 4);

  dialog = va_recovery_offer (app, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_assert_true (no_copies (NULL));
  g_assert_cmpuint (count_files (), ==, 0);
  g_assert_null (va_recovery_offer (app, GTK_WINDOW (window)));
  /* Nothing was restored: the new bot stays. */
  g_assert_cmpuint (count_windows (), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_damaged_copy_kept (void)
{
  g_autofree char *broken = plant_copy ("Broken Bot", NULL, "{ \"format\": \"virtual-agent-bot\", \"topi");
  G_GNUC_UNUSED g_autofree char *good = plant_copy ("Good Bot", "file:///tmp/va-recovery-test/good.vabot", NULL);
  VaWindow *parent = new_window ();
  GtkWidget *dialog = va_recovery_offer (app, GTK_WINDOW (parent));
  AdwMessageDialog *error_dialog;
  g_autofree char *text = NULL;
  g_autofree char *broken_path = copy_path (broken, ".vabot");
  g_autofree char *uri = NULL;
  VaWindow *window;

  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");

  /* The good one opens with its file, unsaved. */
  window = find_window ("Good Bot");
  g_assert_nonnull (window);
  g_assert_true (va_window_get_modified (window));
  g_assert_nonnull (va_window_get_file (window));
  uri = g_file_get_uri (va_window_get_file (window));
  g_assert_cmpstr (uri, ==, "file:///tmp/va-recovery-test/good.vabot");

  /* The broken one is told about, and kept. */
  g_assert_true (wait_until (dialog_shown, (gpointer) "Some Changes Could Not Be Recovered"));
  error_dialog = find_dialog ("Some Changes Could Not Be Recovered");
  text = widget_text (GTK_WIDGET (error_dialog));
  g_assert_nonnull (strstr (text, "Broken Bot"));
  g_assert_nonnull (strstr (text, recovery_dir));
  va_test_save_screenshot (GTK_WIDGET (error_dialog), "recovery-damaged.png");
  adw_message_dialog_response (error_dialog, "close");
  g_assert_true (g_file_test (broken_path, G_FILE_TEST_EXISTS));

  /* Offered again at the next start, alone: the good one belongs to its window now. */
  dialog = va_recovery_offer (app, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_clear_pointer (&text, g_free);
  text = widget_text (dialog);
  g_assert_nonnull (strstr (text, "Broken Bot"));
  g_assert_null (strstr (text, "Good Bot"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_assert_false (g_file_test (broken_path, G_FILE_TEST_EXISTS));

  close_discarding (window);
  g_assert_cmpuint (count_files (), ==, 0);
  /* The new bot made way for the restored one. */
  spin (100);
  g_assert_cmpuint (count_windows (), ==, 0);
}

/* The sidecar only describes a copy: damaged (here nested deeper than json-glib 1.6 survives, or
 * too big), the copy is still offered, by the time of its file. */
static void
test_damaged_sidecar (void)
{
  g_autofree char *deep = plant_copy ("Deep Bot", NULL, NULL);
  g_autofree char *big = plant_copy ("Big Bot", NULL, NULL);
  g_autofree char *deep_path = copy_path (deep, ".json");
  g_autofree char *big_path = copy_path (big, ".json");
  g_autofree char *nesting = g_strnfill (300000, '[');
  g_autofree char *padding = g_strnfill (100000, ' ');
  g_autofree char *padded = g_strconcat ("{\"name\": \"Big Bot\"", padding, "}", NULL);
  g_autoptr(GError) error = NULL;
  VaWindow *window = new_window ();
  GtkWidget *dialog;

  g_file_set_contents (deep_path, nesting, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (big_path, padded, -1, &error);
  g_assert_no_error (error);
  dialog = va_recovery_offer (app, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_assert_cmpuint (count_files (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a crash between two steps leaves, and holds nothing, goes at the next start. */
static void
test_leftovers (void)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *sidecar = copy_path (id, ".json");
  g_autofree char *old_temp = copy_path (id, ".vabot.Ab12Cd");
  g_autofree char *new_temp = copy_path (id, ".json.Ef34Gh");
  struct utimbuf two_minutes_ago;
  VaWindow *window = new_window ();

  g_assert_cmpint (g_mkdir_with_parents (recovery_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sidecar, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (old_temp, "{", -1, NULL));
  g_assert_true (g_file_set_contents (new_temp, "{", -1, NULL));
  two_minutes_ago.actime = two_minutes_ago.modtime = g_get_real_time () / G_USEC_PER_SEC - 120;
  g_assert_cmpint (g_utime (old_temp, &two_minutes_ago), ==, 0);

  g_assert_null (va_recovery_offer (app, GTK_WINDOW (window)));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_temp, G_FILE_TEST_EXISTS));
  /* It may be a write going on right now. */
  g_assert_true (g_file_test (new_temp, G_FILE_TEST_EXISTS));
  g_unlink (new_temp);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* }}} */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  static const char *dirs[][2] = {
    { "XDG_STATE_HOME", "state" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
  };
  g_autoptr(GError) error = NULL;
  int status;

  if (!va_test_ui_has_display ())
    return 0;

  /* Before anything asks GLib for these: it keeps the first answer. The app started from
   * here inherits them.
   */
  tmp_dir = g_dir_make_tmp ("va-recovery-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, dirs[i][1], NULL);

      g_setenv (dirs[i][0], path, TRUE);
    }
  g_setenv ("VA_AUTOSAVE_INTERVAL", "1", TRUE);
  g_unsetenv ("VA_TEST_SCRIPT");
  g_unsetenv ("VA_TEST_RECOVERY_RESPONSE");
  recovery_dir = g_build_filename (tmp_dir, "state", "virtual-agent", "recovery", NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The binary under test owns the app's name on the bus; this one stays out of its way. */
  app = va_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/recovery/autosave", test_autosave);
  g_test_add_func ("/recovery/close-saving", test_close_saving);
  g_test_add_func ("/recovery/interval-setting", test_interval_setting);
  g_test_add_func ("/recovery/live-copy-not-offered", test_live_copy_not_offered);
  g_test_add_func ("/recovery/crash-and-restore", test_crash_and_restore);
  g_test_add_func ("/recovery/discard", test_discard);
  g_test_add_func ("/recovery/damaged-copy-kept", test_damaged_copy_kept);
  g_test_add_func ("/recovery/damaged-sidecar", test_damaged_sidecar);
  g_test_add_func ("/recovery/leftovers", test_leftovers);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&recovery_dir, g_free);
  g_clear_object (&app);
  return status;
}
