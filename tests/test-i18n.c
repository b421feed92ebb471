/* test-i18n.c: the window in French, under Xvfb
 *
 * The French catalog is the one the build compiles (po/fr/LC_MESSAGES/virtual-agent.mo in
 * the build directory): VA_LOCALEDIR points at it, as it does for the app and the command line.
 * Without VA_LOCALEDIR, the program looks for it beside its own build directory.
 *
 * Besides the strings, the test looks for French text that does not fit: the window keeps
 * its size and the labels the French makes longer are not cut short. The screenshots
 * (window-fr*.png, bot-settings-fr.png in $VA_SCREENSHOT_DIR) are for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "va-bot-settings.h"
#include "va-history.h"
#include "va-template.h"
#include "va-test-chat.h"
#include "va-test-ui.h"
#include "va-window-private.h"

#define WIDTH 1280
#define HEIGHT 800

/* The first mapped label that shows @text (mnemonic underscores left out), or only contains
 * it if @part. */
static GtkLabel *
find_label_full (GtkWidget  *widget,
                 const char *text,
                 gboolean    part)
{
  g_autoptr(GPtrArray) labels = va_test_collect_widgets (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *shown;

      if (!gtk_widget_get_mapped (label))
        continue;
      shown = gtk_label_get_text (GTK_LABEL (label));
      if (part ? strstr (shown, text) != NULL : strcmp (shown, text) == 0)
        return GTK_LABEL (label);
    }
  return NULL;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  return find_label_full (widget, text, FALSE);
}

/* Ellipsized, or drawn wider than its place (clipped). */
static gboolean
label_is_cut (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  PangoRectangle logical;

  if (pango_layout_is_ellipsized (layout))
    return TRUE;
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width > gtk_widget_get_width (GTK_WIDGET (label));
}

/* Shows @text in full, in a label of @widget. */
static void
assert_shows (GtkWidget  *widget,
              const char *text)
{
  GtkLabel *label = find_label (widget, text);

  if (label == NULL)
    g_error ("No label shows “%s”", text);
  if (label_is_cut (label))
    g_error ("The label “%s” does not fit: %d px wide", text, gtk_widget_get_width (GTK_WIDGET (label)));
}

/* Shows a text that contains @part, in full. */
static void
assert_shows_part (GtkWidget  *widget,
                   const char *part)
{
  GtkLabel *label = find_label_full (widget, part, TRUE);

  if (label == NULL)
    g_error ("No label contains “%s”", part);
  if (label_is_cut (label))
    g_error ("The label “%s” does not fit: %d px wide", gtk_label_get_text (label),
             gtk_widget_get_width (GTK_WIDGET (label)));
}

static void
assert_not_shown (GtkWidget  *widget,
                  const char *text)
{
  if (find_label (widget, text) != NULL)
    g_error ("A label still shows the English “%s”", text);
}

/* For the log: the labels that are cut short, which a person checks on the screenshot. */
static void
list_cut_labels (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = va_test_collect_widgets (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label) && label_is_cut (GTK_LABEL (label)))
        g_test_message ("cut short: “%s” (%d px)", gtk_label_get_text (GTK_LABEL (label)),
                        gtk_widget_get_width (label));
    }
}

static void
assert_window_size (GtkWidget *window)
{
  int min_width = 0, min_height = 0;

  /* Text too long for its place would make the window need more than its size. */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, WIDTH, &min_height, NULL, NULL, NULL);
  g_test_message ("window: %d×%d, needs at least %d×%d", gtk_widget_get_width (window),
                  gtk_widget_get_height (window), min_width, min_height);
  g_assert_cmpint (min_width, <=, gtk_widget_get_width (window));
  g_assert_cmpint (min_height, <=, gtk_widget_get_height (window));
  g_assert_cmpint (gtk_widget_get_width (window), <=, WIDTH);
  g_assert_cmpint (gtk_widget_get_height (window), <=, HEIGHT);
}

static VaWindow *
new_window (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaWindow *window = g_object_new (VA_TYPE_WINDOW, "bot", bot, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  va_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
test_catalog (void)
{
  /* Everything below means nothing if the catalog was not found. */
  g_assert_cmpstr (_("Topics"), ==, "Rubriques");
  g_assert_cmpstr (C_("shortcut window", "Topics"), ==, "Rubriques");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", 1), ==, "%u problème");
  /* French plural: 0 and 1 are singular. */
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", 0), ==, "%u problème");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", 2), ==, "%u problèmes");
}

static void
test_window (void)
{
  VaWindow *window = new_window ();
  GtkWidget *widget = GTK_WIDGET (window);
  g_autofree char *placeholder = NULL;

  /* The sidebar, the header bar and the topic editor. */
  assert_shows (widget, "Rubriques");
  assert_shows (widget, "Rubriques système");
  assert_not_shown (widget, "Topics");
  assert_not_shown (widget, "System Topics");
  assert_shows (widget, "Ouvrir");
  assert_shows (widget, "Tester");
  assert_shows (widget, "Enregistrer");
  assert_shows (widget, "Non enregistré");
  assert_shows (widget, "Phrases déclencheuses (8)");
  assert_shows (widget, "Sélectionnez un nœud");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->search_entry)), ==, "");
  g_object_get (window->search_entry, "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Rechercher une rubrique");

  /* The sample bot's Escalate topic still says [link]: one problem, in French. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->problems_button)), ==, "1 problème");

  assert_window_size (widget);
  list_cut_labels (widget);
  va_test_save_screenshot (widget, "window-fr.png");

  gtk_toggle_button_set_active (window->problems_button, TRUE);
  va_test_wait_for_draw (widget);
  va_test_save_screenshot (widget, "window-fr-problems.png");
  /* Problem messages are built from several strings: the node's kind, the message, guillemets. */
  assert_shows_part (widget, "Message n1 dans «\u00a0Escalate\u00a0» contient encore «\u00a0[link]\u00a0»\u00a0:");
  assert_shows (widget, "Escalate › Message n1");
  assert_window_size (widget);
  list_cut_labels (widget);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_chat (void)
{
  VaWindow *window = new_window ();
  GtkWidget *widget = GTK_WIDGET (window);
  VaTestChat *chat = va_window_get_test_chat (window);

  gtk_widget_activate_action (widget, "win.toggle-chat", NULL);
  va_test_wait_for_draw (widget);
  assert_shows (widget, "Tester le bot");
  va_test_chat_send (chat, "where is my order");
  va_test_chat_send (chat, "12345");
  va_test_wait_for_draw (widget);
  va_test_save_screenshot (widget, "window-fr-chat.png");
  /* The bot's own words stay as the bot says them; the app's around them are French. */
  assert_shows (widget, "Suivre d’une rubrique à l’autre");
  assert_shows (widget, "Rubrique système");
  assert_shows (widget, "Écrire au bot");
  assert_not_shown (widget, "Message the bot");
  assert_window_size (widget);
  list_cut_labels (widget);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bot_settings (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(VaHistory) history = va_history_new ();
  VaBotSettings *settings = va_bot_settings_new (NULL, bot, history);
  GtkWidget *widget = GTK_WIDGET (settings);

  gtk_window_set_default_size (GTK_WINDOW (settings), 640, 720);
  gtk_window_present (GTK_WINDOW (settings));
  va_test_wait_for_draw (widget);
  assert_shows (widget, "Paramètres du bot");
  assert_shows (widget, "Hub d’engagement");
  assert_shows (widget, "Reconnaissance");
  list_cut_labels (widget);
  va_test_save_screenshot (widget, "bot-settings-fr.png");
  gtk_window_destroy (GTK_WINDOW (settings));
}

static char *
build_localedir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (exe == NULL)
    return g_strdup (LOCALEDIR);
  /* tests/test-i18n in the build directory: the catalogs are in po/. */
  dir = g_path_get_dirname (exe);
  return g_build_filename (dir, "..", "po", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *localedir = NULL;

  /* French whatever the caller's settings; LANGUAGE needs a locale other than plain C. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  if (g_strcmp0 (setlocale (LC_ALL, ""), "C") == 0 || g_strcmp0 (setlocale (LC_ALL, NULL), "POSIX") == 0)
    {
      /* gtk_test_init () calls setlocale (LC_ALL, "") again: the environment says it. */
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "");
    }
  localedir = g_strdup (g_getenv ("VA_LOCALEDIR"));
  if (localedir == NULL)
    localedir = build_localedir ();
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!va_test_ui_init (&argc, &argv))
    return 0;
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_test_message ("catalogs from %s, locale %s", localedir, setlocale (LC_MESSAGES, NULL));

  g_test_add_func ("/i18n/catalog", test_catalog);
  g_test_add_func ("/i18n/window", test_window);
  g_test_add_func ("/i18n/chat", test_chat);
  g_test_add_func ("/i18n/bot-settings", test_bot_settings);

  return g_test_run ();
}
