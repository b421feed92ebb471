/* va-test-ui.c — what the tests under Xvfb share: a display, frames, screenshots, widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-test-ui.h"

#include <adwaita.h>

#include "va-screenshot.h"

/**
 * va_test_ui_has_display:
 *
 * Whether there is a display to test on. When there is none, prints the TAP plan that skips
 * the whole program: main() then returns 0.
 */
gboolean
va_test_ui_has_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  return TRUE;
}

/**
 * va_test_ui_init:
 * @argc: main()'s
 * @argv: main()'s
 *
 * va_test_ui_has_display(), then gtk_test_init() and adw_init().
 *
 * Returns: %FALSE when there is no display: main() then returns 0
 */
gboolean
va_test_ui_init (int    *argc,
                 char ***argv)
{
  if (!va_test_ui_has_display ())
    return FALSE;
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

/**
 * va_test_wait_for_draw:
 * @widget: a widget in a window on screen
 *
 * Draws @widget's window once more, then dispatches what is pending.
 */
void
va_test_wait_for_draw (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * va_test_save_screenshot_full:
 * @widget: what to take
 * @name: the file name, such as "window-start.png"
 * @n_frames: how many frames to wait for first (a change may show a frame or two later)
 *
 * Saves @widget in $VA_SCREENSHOT_DIR, for a person to look at. Nothing happens, not even the
 * frames, when the variable is not set.
 */
void
va_test_save_screenshot_full (GtkWidget  *widget,
                              const char *name,
                              guint       n_frames)
{
  const char *dir = g_getenv ("VA_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  for (guint i = 0; i < n_frames; i++)
    va_test_wait_for_draw (widget);
  g_assert_true (va_screenshot_save (widget, path, &error));
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

/**
 * va_test_save_screenshot:
 * @widget: what to take
 * @name: the file name, such as "window-start.png"
 *
 * Saves @widget as it is now: va_test_save_screenshot_full() without waiting for a frame.
 */
void
va_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  va_test_save_screenshot_full (widget, name, 0);
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
}

/**
 * va_test_collect_widgets:
 * @root: a widget
 * @type: a widget type
 *
 * Returns: (transfer container) (element-type GtkWidget): the widgets of @type under @root,
 *   @root included, parents before children and in the order of the children
 */
GPtrArray *
va_test_collect_widgets (GtkWidget *root,
                         GType      type)
{
  GPtrArray *widgets = g_ptr_array_new ();

  collect_widgets (root, type, widgets);
  return widgets;
}

/**
 * va_test_find_widget:
 * @root: a widget
 * @type: a widget type
 * @name: (nullable): the widget's name, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first widget of va_test_collect_widgets() with
 *   @name
 */
GtkWidget *
va_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = va_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * va_test_shown_labels:
 * @root: a widget
 *
 * Returns: (transfer container) (element-type utf8): the #GtkLabel:label of the mapped labels
 *   under @root, in the order of va_test_collect_widgets()
 */
GPtrArray *
va_test_shown_labels (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = va_test_collect_widgets (root, GTK_TYPE_LABEL);
  GPtrArray *texts = g_ptr_array_new ();

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (label)));
    }
  return texts;
}

/**
 * va_test_find_message_dialog:
 *
 * Returns: (transfer none) (nullable): the first #AdwMessageDialog among the toplevels
 */
GtkWindow *
va_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return window;
    }
  return NULL;
}

/**
 * va_test_click:
 * @button: a #GtkButton
 *
 * Clicks @button the way a pointer or a key does: through its "clicked" signal.
 */
void
va_test_click (gpointer button)
{
  g_signal_emit_by_name (button, "clicked");
}
