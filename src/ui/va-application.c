/* va-application.c
 *
 * The application: one window per bot, the app-wide actions, and the
 * --screenshot option used to look at the UI headlessly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "va-application.h"
#include "va-file-dialog.h"
#include "va-recovery.h"
#include "va-screenshot.h"
#include "va-window.h"
#include "va-format.h"
#include "va-template.h"

struct _VaApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *screenshot_path;
  gboolean recovery_checked;
};

G_DEFINE_FINAL_TYPE (VaApplication, va_application, ADW_TYPE_APPLICATION)

static void
take_screenshot_when_drawn (VaApplication *self,
                            GtkWindow     *window)
{
  g_autoptr(GError) error = NULL;

  if (!va_screenshot_save (GTK_WIDGET (window), self->screenshot_path, &error))
    g_printerr (_("Could not save the screenshot: %s\n"), error->message);
  g_application_quit (G_APPLICATION (self));
}

/* For tests/bench/run-startup-bench.sh: with VA_BENCH_FIRST_FRAME set, the first frame the window
 * paints prints the wall clock (µs) and ends the run. */
static void
first_frame_painted (GdkFrameClock *clock,
                     VaApplication *self)
{
  g_print ("first_frame_realtime_us=%" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, self);
  g_application_quit (G_APPLICATION (self));
}

static void
present_window (VaApplication *self,
                VaWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  if (self->screenshot_path != NULL)
    take_screenshot_when_drawn (self, GTK_WINDOW (window));
  else if (g_getenv ("VA_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (first_frame_painted), self);
}

/* {{{ Recovery after a crash */

/* Test hooks for tests/test-recovery.c, which runs the real binary: VA_TEST_RECOVERY_RESPONSE
 * answers the recovery question by itself, VA_TEST_SCRIPT edits the bot once startup is over
 * (see va_recovery_run_test_script()). Neither does anything unless its variable is set.
 */
static gboolean
run_test_script (gpointer user_data)
{
  GtkApplication *app = user_data;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (VA_IS_WINDOW (l->data))
      {
        va_recovery_run_test_script (l->data, g_getenv ("VA_TEST_SCRIPT"));
        break;
      }
  return G_SOURCE_REMOVE;
}

static gboolean
answer_recovery (gpointer user_data)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (user_data), g_getenv ("VA_TEST_RECOVERY_RESPONSE"));
  return G_SOURCE_REMOVE;
}

static void
startup_finished (VaApplication *self)
{
  if (g_getenv ("VA_TEST_SCRIPT") != NULL)
    g_idle_add_full (G_PRIORITY_LOW, run_test_script, g_object_ref (self), g_object_unref);
}

static void
recovery_answered (VaApplication    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  startup_finished (self);
}

/* The first activation or open of a run looks for the copies a crashed run left. */
static void
offer_recovery (VaApplication *self,
                GtkWindow     *parent)
{
  GtkWidget *dialog;

  if (self->recovery_checked || self->screenshot_path != NULL)
    return;
  self->recovery_checked = TRUE;

  dialog = va_recovery_offer (self, parent);
  if (dialog == NULL)
    {
      startup_finished (self);
      return;
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_answered), self,
                           G_CONNECT_SWAPPED);
  if (g_getenv ("VA_TEST_RECOVERY_RESPONSE") != NULL)
    g_idle_add_full (G_PRIORITY_LOW, answer_recovery, g_object_ref (dialog), g_object_unref);
}

/* }}} */

static void
va_application_activate (GApplication *app)
{
  VaApplication *self = VA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(VaBot) bot = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  bot = va_template_new_bot ();
  window = GTK_WINDOW (va_window_new (self, bot, NULL));
  present_window (self, VA_WINDOW (window));
  offer_recovery (self, window);
}

static void
va_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  VaApplication *self = VA_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VaBot) bot = va_format_load_file (files[i], NULL, &error);
      VaWindow *window;

      if (bot == NULL)
        {
          /* Show the problem in a window rather than on a terminal nobody reads. */
          g_autoptr(VaBot) empty = va_template_new_bot ();

          g_autofree char *details = NULL;

          window = va_window_new (self, empty, NULL);
          present_window (self, window);
          details = g_strdup_printf ("%s\n\n%s", error->message,
                                     _("The file was not changed. The sample bot is open instead."));
          va_window_show_error (window, _("Could Not Open the Bot"), details);
          continue;
        }

      {
        GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

        present_window (self, va_window_new (self, bot, files[i]));
        /* An untouched sample bot makes way for the file the user wanted. */
        if (VA_IS_WINDOW (active) && va_window_is_pristine (VA_WINDOW (active)))
          gtk_window_destroy (active);
      }
    }
  offer_recovery (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static int
va_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  VaApplication *self = VA_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("virtual-agent %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &path))
    {
      self->screenshot_path = g_strdup (path);
      /* A screenshot run must not hand its files to an instance already running. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  /* Each window closes through its own close-request handler. */
  g_autoptr(GList) copy = g_list_copy (windows);

  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "Virtual Agent developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Virtual Agent"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Author customer-support chatbots and test them locally"),
                         NULL);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  VaApplication *self = VA_APPLICATION (user_data);
  g_autoptr(VaBot) bot = va_template_new_bot ();

  present_window (self, va_window_new (self, bot, NULL));
}

static void
file_chosen (GFile    *file,
             gpointer  user_data)
{
  g_autoptr(VaApplication) self = user_data;

  if (file != NULL)
    g_application_open (G_APPLICATION (self), &file, 1, "");
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VaApplication *self = VA_APPLICATION (user_data);

  va_file_dialog_open (gtk_application_get_active_window (GTK_APPLICATION (self)), file_chosen,
                       g_object_ref (self));
}

static void
open_uri_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  g_application_open (G_APPLICATION (user_data), &file, 1, "");
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "new-bot", new_window_activated },
  { "open", open_activated },
  { "open-uri", open_uri_activated, "s" },
  { "no-recent", NULL },
};

static void
va_application_startup (GApplication *app)
{
  VaApplication *self = VA_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (va_application_parent_class)->startup (app);

  /* Run from the build tree without installed schemas, settings are off
   * rather than a crash.
   */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-bot", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open", (const char *[]) { "<Control>o", NULL });
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app), "no-recent")),
                               FALSE);
}

static void
va_application_finalize (GObject *object)
{
  VaApplication *self = (VaApplication *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->screenshot_path, g_free);

  G_OBJECT_CLASS (va_application_parent_class)->finalize (object);
}

static void
va_application_class_init (VaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = va_application_finalize;
  app_class->activate = va_application_activate;
  app_class->open = va_application_open;
  app_class->startup = va_application_startup;
  app_class->handle_local_options = va_application_handle_local_options;
}

static void
va_application_init (VaApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a PNG of the window once it is drawn, then quit"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

VaApplication *
va_application_new (void)
{
  return g_object_new (VA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/com/example/VirtualAgent",
                       NULL);
}

/**
 * va_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the app's settings, or %NULL when
 *   the schema is not installed
 */
GSettings *
va_application_get_settings (VaApplication *self)
{
  g_return_val_if_fail (VA_IS_APPLICATION (self), NULL);

  return self->settings;
}
