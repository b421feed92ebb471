/* va-screenshot.c
 *
 * Renders a window into a PNG, in process, so that the UI can be looked at
 * and checked under Xvfb (the app's --screenshot option and the UI tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "va-screenshot.h"

/**
 * va_screenshot_save:
 * @widget: a widget in a shown window
 * @path: the PNG file to write
 * @error: return location for a #GError
 *
 * Waits until @widget has been drawn, then saves what it shows. This
 * iterates the main context: call it from a test or a one-off run only.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
va_screenshot_save (GtkWidget   *widget,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  paintable = gtk_widget_paintable_new (widget);
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
  /* The paintable swaps in its new image from an idle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window has no size yet"));
      return FALSE;
    }

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing was drawn"));
      return FALSE;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      return FALSE;
    }
  return TRUE;
}
