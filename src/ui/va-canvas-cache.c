/* va-canvas-cache.c — a card's life, and the render node that draws it
 *
 * A card's render node (frame, icon, title, preview, port strip, with their
 * Pango layouts) is built once and drawn every frame under a transform, so
 * panning and zooming never lays out text. What the card says comes from
 * va-canvas-preview.c. The card watches its node and the node's sub-objects
 * (choices, branches, clauses) and drops the cached node when one of them
 * changes; a style change (dark mode, fonts) drops all of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-canvas-private.h"
#include "va-choice.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-question-node.h"

#define TITLE_PX    13
#define PREVIEW_PX  12
#define SMALL_PX    11
#define PAD         12.0
#define BADGE       26.0

typedef struct
{
  GObject *object;
  gulong   handler;
} CardWatch;

static void
card_watch_free (CardWatch *watch)
{
  g_signal_handler_disconnect (watch->object, watch->handler);
  g_object_unref (watch->object);
  g_free (watch);
}

/* ---- ports and size ----------------------------------------------------------------------- */

static char *
port_label (VaNode *node,
            VaPort *port)
{
  /* "All other conditions" is long for a port; the strip says what the branch is. */
  if (VA_IS_CONDITION_NODE (node) && g_str_equal (port->property, "else-next"))
    return g_strdup (_("Else"));
  return g_strdup (port->label);
}

static gboolean
ports_need_strip (VaNode    *node,
                  GPtrArray *ports)
{
  return ports->len > 1 || (ports->len == 1 && ((VaPort *) g_ptr_array_index (ports, 0))->label != NULL);
}

void
va_canvas_node_size (VaNode *node,
                     double *width,
                     double *height)
{
  g_autoptr(GPtrArray) ports = va_node_list_ports (node);
  gboolean strip = ports_need_strip (node, ports);

  *width = strip ? MAX (VA_CANVAS_CARD_WIDTH, ports->len * VA_CANVAS_PORT_WIDTH) : VA_CANVAS_CARD_WIDTH;
  *height = VA_CANVAS_CARD_HEIGHT + (strip ? VA_CANVAS_STRIP_HEIGHT : 0);
}

/* ---- watching the model ------------------------------------------------------------------- */

static void card_content_changed (VaCanvasCard *card);

static void
sub_notify_cb (GObject      *object,
               GParamSpec   *pspec,
               VaCanvasCard *card)
{
  card_content_changed (card);
}

static void
sub_items_changed_cb (GListModel   *list,
                      guint         position,
                      guint         removed,
                      guint         added,
                      VaCanvasCard *card)
{
  card_content_changed (card);
}

static void
watch_object (VaCanvasCard *card,
              gpointer      object)
{
  CardWatch *watch = g_new0 (CardWatch, 1);

  watch->object = g_object_ref (object);
  watch->handler = g_signal_connect (object, "notify", G_CALLBACK (sub_notify_cb), card);
  g_ptr_array_add (card->watches, watch);
}

static void
watch_list (VaCanvasCard *card,
            GListModel   *list)
{
  CardWatch *watch = g_new0 (CardWatch, 1);

  watch->object = g_object_ref (G_OBJECT (list));
  watch->handler = g_signal_connect (list, "items-changed", G_CALLBACK (sub_items_changed_cb), card);
  g_ptr_array_add (card->watches, watch);
}

static void
watch_children (VaCanvasCard *card)
{
  g_ptr_array_set_size (card->watches, 0);

  if (VA_IS_QUESTION_NODE (card->node))
    {
      GListModel *options = va_question_node_get_options (VA_QUESTION_NODE (card->node));
      guint n = g_list_model_get_n_items (options);

      watch_list (card, options);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) choice = g_list_model_get_item (options, i);

          watch_object (card, choice);
        }
    }
  else if (VA_IS_CONDITION_NODE (card->node))
    {
      GListModel *branches = va_condition_node_get_branches (VA_CONDITION_NODE (card->node));
      guint n = g_list_model_get_n_items (branches);

      watch_list (card, branches);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VaConditionBranch) branch = g_list_model_get_item (branches, i);
          GListModel *clauses = va_condition_branch_get_clauses (branch);
          guint n_clauses = g_list_model_get_n_items (clauses);

          watch_object (card, branch);
          watch_list (card, clauses);
          for (guint j = 0; j < n_clauses; j++)
            {
              g_autoptr(GObject) clause = g_list_model_get_item (clauses, j);

              watch_object (card, clause);
            }
        }
    }
}

static void
edge_clear (VaCanvasEdge *edge)
{
  g_clear_pointer (&edge->label, g_free);
}

void
va_canvas_card_update_ports (VaCanvasCard *card)
{
  g_clear_pointer (&card->ports, g_ptr_array_unref);
  card->ports = va_node_list_ports (card->node);
  card->has_strip = ports_need_strip (card->node, card->ports);

  g_array_set_size (card->edges, 0);
  g_array_set_size (card->edges, card->ports->len);
  for (guint i = 0; i < card->ports->len; i++)
    {
      VaCanvasEdge *edge = &g_array_index (card->edges, VaCanvasEdge, i);

      edge->card = card;
      edge->index = i;
      edge->port = g_ptr_array_index (card->ports, i);
      edge->label = port_label (card->node, edge->port);
    }
  watch_children (card);
}

void
va_canvas_card_invalidate (VaCanvasCard *card)
{
  g_clear_pointer (&card->render, gsk_render_node_unref);
}

static void
card_content_changed (VaCanvasCard *card)
{
  VaCanvas *self = card->canvas;

  va_canvas_card_update_ports (card);
  va_canvas_card_invalidate (card);
  va_canvas_queue_geometry (self);
  if (self->selected == card->node)
    va_canvas_update_accessible (self);
}

static void
node_notify_cb (VaNode       *node,
                GParamSpec   *pspec,
                VaCanvasCard *card)
{
  /* Moving a card moves its render node, it does not rebuild it. */
  if (g_str_equal (pspec->name, "x") || g_str_equal (pspec->name, "y"))
    va_canvas_queue_geometry (card->canvas);
  else
    card_content_changed (card);
}

VaCanvasCard *
va_canvas_card_new (VaCanvas *self,
                    VaNode   *node)
{
  VaCanvasCard *card = g_new0 (VaCanvasCard, 1);

  card->canvas = self;
  card->node = g_object_ref (node);
  card->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) card_watch_free);
  card->edges = g_array_new (FALSE, TRUE, sizeof (VaCanvasEdge));
  g_array_set_clear_func (card->edges, (GDestroyNotify) edge_clear);
  card->notify_id = g_signal_connect (node, "notify", G_CALLBACK (node_notify_cb), card);
  card->x = va_node_get_x (node);
  card->y = va_node_get_y (node);
  card->is_start = self->topic != NULL &&
                   g_strcmp0 (va_topic_get_start (self->topic), va_node_get_id (node)) == 0;
  va_canvas_card_update_ports (card);
  va_canvas_node_size (node, &card->w, &card->h);
  return card;
}

void
va_canvas_card_free (VaCanvasCard *card)
{
  g_clear_signal_handler (&card->notify_id, card->node);
  g_clear_pointer (&card->watches, g_ptr_array_unref);
  g_clear_pointer (&card->edges, g_array_unref);
  g_clear_pointer (&card->ports, g_ptr_array_unref);
  g_clear_pointer (&card->render, gsk_render_node_unref);
  g_clear_object (&card->node);
  g_free (card);
}

/* ---- colours ------------------------------------------------------------------------------ */

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         t)
{
  return (GdkRGBA) {
    a->red * (1 - t) + b->red * t,
    a->green * (1 - t) + b->green * t,
    a->blue * (1 - t) + b->blue * t,
    1.0,
  };
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

static gboolean
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color)
{
  gboolean found;

  /* Named colours are how libadwaita 1.2 exposes its palette; newer versions keep them. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return found;
}

static void
build_icons (VaCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  GtkIconTheme *theme;
  GdkRGBA colors[4];

  if (renderer == NULL || !gsk_renderer_is_realized (renderer))
    return;

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  gdk_rgba_parse (&colors[0], "white");
  colors[1] = colors[2] = colors[3] = colors[0];
  for (guint kind = 0; kind < VA_N_NODE_KINDS; kind++)
    {
      g_autoptr(GtkIconPaintable) icon = NULL;
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      if (self->icons[kind] != NULL)
        continue;
      /* Drawn at 16 units from 32 pixels: still crisp at zoom 2. The recoloured icon is rendered
       * once into a texture, so no frame pays for a colour matrix. */
      icon = gtk_icon_theme_lookup_icon (theme, va_canvas_kind_icon_name (kind), NULL, 16, 2,
                                         GTK_TEXT_DIR_NONE, 0);
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), GDK_SNAPSHOT (snapshot),
                                                32, 32, colors, G_N_ELEMENTS (colors));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        self->icons[kind] = gsk_renderer_render_texture (renderer, node,
                                                         &GRAPHENE_RECT_INIT (0, 0, 32, 32));
    }
}

void
va_canvas_ensure_style (VaCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  VaCanvasColors *c = &self->colors;
  GdkRGBA fg, view_bg;

  if (self->style_valid)
    {
      build_icons (self);
      return;
    }

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  c->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  if (!lookup_color (widget, "view_bg_color", &view_bg))
    view_bg = (GdkRGBA) { 1 - fg.red, 1 - fg.green, 1 - fg.blue, 1 };
  view_bg.alpha = 1;
  if (!lookup_color (widget, "accent_bg_color", &c->accent))
    gdk_rgba_parse (&c->accent, "#3584e4");
  if (!lookup_color (widget, "accent_fg_color", &c->accent_fg))
    gdk_rgba_parse (&c->accent_fg, "white");
  if (!lookup_color (widget, "error_color", &c->error))
    gdk_rgba_parse (&c->error, "#e01b24");

  c->fg = fg;
  {
    /* The text colour as an opaque colour over the background, to mix from. */
    GdkRGBA solid_fg = mix (&view_bg, &(GdkRGBA) { fg.red, fg.green, fg.blue, 1 }, fg.alpha);

    c->bg = mix (&view_bg, &solid_fg, c->dark ? 0.0 : 0.045);
    c->card = mix (&view_bg, &solid_fg, c->dark ? 0.09 : 0.0);
    c->strip = mix (&c->card, &solid_fg, c->dark ? 0.04 : 0.03);
    /* Opaque: "+" buttons and port dots sit on edges. */
    c->port = mix (&view_bg, &solid_fg, c->dark ? 0.45 : 0.4);
  }
  c->border = with_alpha (&fg, c->dark ? 0.14 : 0.16);
  c->dim = with_alpha (&fg, 0.65);
  c->edge = mix (&c->bg, &(GdkRGBA) { fg.red, fg.green, fg.blue, 1 }, fg.alpha * (c->dark ? 0.45 : 0.4));
  c->shadow = (GdkRGBA) { 0, 0, 0, c->dark ? 0.35 : 0.08 };

  self->style_valid = TRUE;
  build_icons (self);
}

void
va_canvas_invalidate_style (VaCanvas *self)
{
  self->style_valid = FALSE;
  g_clear_pointer (&self->chat_pill, gsk_render_node_unref);
  for (guint i = 0; i < self->cards->len; i++)
    va_canvas_card_invalidate (g_ptr_array_index (self->cards, i));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- the render node ---------------------------------------------------------------------- */

static PangoLayout *
new_layout (VaCanvas   *self,
            const char *text,
            int         px,
            PangoWeight weight,
            double      width,
            int         lines)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  const PangoFontDescription *base =
    pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  PangoFontDescription *desc = base != NULL ? pango_font_description_copy (base)
                                            : pango_font_description_new ();

  /* Cards have a fixed geometry: text sizes are in model units, not points. */
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (lines > 1)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -lines);
    }
  else
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  double         x,
                  double         y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* A filled rounded rectangle, drawn as a border node whose widths meet in the middle. With the
 * cairo renderer a rounded clip costs a mask for each draw, about three times a path fill; the
 * GL renderer fills such a border too. */
void
va_canvas_append_rounded_fill (GtkSnapshot          *snapshot,
                               const GskRoundedRect *shape,
                               const GdkRGBA        *color)
{
  float half = MAX (shape->bounds.size.width, shape->bounds.size.height);
  const float widths[4] = { half, half, half, half };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gtk_snapshot_append_border (snapshot, shape, widths, colors);
}

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                double                 radius,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  va_canvas_append_rounded_fill (snapshot, &rounded, color);
}

static void
build_card (VaCanvas     *self,
            VaCanvasCard *card,
            GtkSnapshot  *snapshot)
{
  const VaCanvasColors *c = &self->colors;
  VaNode *node = card->node;
  VaNodeKind kind = va_node_get_kind (node);
  double w = card->w, h = card->h;
  graphene_rect_t frame = GRAPHENE_RECT_INIT (0, 0, w, h);
  GskRoundedRect outline;
  GdkRGBA kind_color;
  gboolean placeholder;
  g_autofree char *preview = va_canvas_node_preview (self, node, &placeholder);
  g_autoptr(PangoLayout) id_layout = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) text = NULL;
  int id_width, title_height;
  const float border_widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA border_colors[4] = { c->border, c->border, c->border, c->border };

  /* A contact shadow under the bottom edge: a blurred one would be paid again every frame. */
  gtk_snapshot_append_color (snapshot, &c->shadow,
                             &GRAPHENE_RECT_INIT (VA_CANVAS_CARD_RADIUS, h, w - 2 * VA_CANVAS_CARD_RADIUS, 1));
  gsk_rounded_rect_init_from_rect (&outline, &frame, VA_CANVAS_CARD_RADIUS);
  va_canvas_append_rounded_fill (snapshot, &outline, &c->card);
  if (card->has_strip)
    {
      GskRoundedRect strip;
      const graphene_size_t square = GRAPHENE_SIZE_INIT (0, 0);
      const graphene_size_t round = GRAPHENE_SIZE_INIT (VA_CANVAS_CARD_RADIUS, VA_CANVAS_CARD_RADIUS);

      gsk_rounded_rect_init (&strip, &GRAPHENE_RECT_INIT (0, VA_CANVAS_CARD_HEIGHT, w, VA_CANVAS_STRIP_HEIGHT),
                             &square, &square, &round, &round);
      va_canvas_append_rounded_fill (snapshot, &strip, &c->strip);
    }
  gtk_snapshot_append_border (snapshot, &outline, border_widths, border_colors);

  /* The kind: a coloured badge with its icon, and its name. */
  va_canvas_kind_color (kind, &kind_color);
  append_rounded (snapshot, &GRAPHENE_RECT_INIT (PAD, PAD, BADGE, BADGE), 7, &kind_color);
  if (self->icons[kind] != NULL)
    gtk_snapshot_append_texture (snapshot, self->icons[kind],
                                 &GRAPHENE_RECT_INIT (PAD + 5, PAD + 5, 16, 16));

  /* The title, and the node's id (the name problems and files use) when there is room. */
  title = new_layout (self, va_node_kind_get_display_name (kind), TITLE_PX, PANGO_WEIGHT_BOLD,
                      w - (PAD + BADGE + 8) - PAD, 1);
  id_layout = new_layout (self, va_node_get_id (node), SMALL_PX, PANGO_WEIGHT_NORMAL, 60, 1);
  pango_layout_get_pixel_size (id_layout, &id_width, NULL);
  {
    int title_width, id_height;

    pango_layout_get_pixel_size (title, &title_width, &title_height);
    pango_layout_get_pixel_size (id_layout, NULL, &id_height);
    if (PAD + BADGE + 8 + title_width + 8 + id_width + PAD <= w && !pango_layout_is_ellipsized (id_layout))
      append_layout_at (snapshot, id_layout, w - PAD - id_width, PAD + (BADGE - id_height) / 2, &c->dim);
  }
  append_layout_at (snapshot, title, PAD + BADGE + 8, PAD + (BADGE - title_height) / 2, &c->fg);

  /* The content, two lines at most. */
  text = new_layout (self, preview, PREVIEW_PX, PANGO_WEIGHT_NORMAL, w - 2 * PAD, 2);
  if (placeholder)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (text, attrs);
      pango_attr_list_unref (attrs);
    }
  append_layout_at (snapshot, text, PAD, PAD + BADGE + 7, placeholder ? &c->dim : &c->fg);

  /* The port strip: one slot per port, its label above its port. */
  if (card->has_strip)
    {
      double slot = w / card->edges->len;

      gtk_snapshot_append_color (snapshot, &c->border,
                                 &GRAPHENE_RECT_INIT (0, VA_CANVAS_CARD_HEIGHT, w, 1));
      for (guint i = 0; i < card->edges->len; i++)
        {
          VaCanvasEdge *edge = &g_array_index (card->edges, VaCanvasEdge, i);
          g_autoptr(PangoLayout) label = NULL;
          int lw, lh;

          if (i > 0)
            gtk_snapshot_append_color (snapshot, &c->border,
                                       &GRAPHENE_RECT_INIT (i * slot, VA_CANVAS_CARD_HEIGHT + 6,
                                                            1, VA_CANVAS_STRIP_HEIGHT - 12));
          if (edge->label == NULL)
            continue;
          label = new_layout (self, edge->label, SMALL_PX, PANGO_WEIGHT_NORMAL, slot - 12, 1);
          pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
          pango_layout_get_pixel_size (label, &lw, &lh);
          append_layout_at (snapshot, label, i * slot + 6,
                            VA_CANVAS_CARD_HEIGHT + (VA_CANVAS_STRIP_HEIGHT - lh) / 2, &c->dim);
        }
    }

  /* Port dots on the bottom edge. */
  for (guint i = 0; i < card->edges->len; i++)
    {
      double px = card->has_strip ? (i + 0.5) * w / card->edges->len : w / 2;

      append_rounded (snapshot, &GRAPHENE_RECT_INIT (px - 3.5, h - 3.5, 7, 7), 3.5, &c->port);
    }

  /* The start of the topic: a pill above the card. */
  if (card->is_start)
    {
      g_autoptr(PangoLayout) start = new_layout (self, _("Start"), SMALL_PX, PANGO_WEIGHT_BOLD, 120, 1);
      int sw, sh;

      pango_layout_set_width (start, -1);
      pango_layout_get_pixel_size (start, &sw, &sh);
      append_rounded (snapshot, &GRAPHENE_RECT_INIT (0, -sh - 12, sw + 20, sh + 6), (sh + 6) / 2.0,
                      &c->accent);
      append_layout_at (snapshot, start, 10, -sh - 9, &c->accent_fg);
    }
}

GskRenderNode *
va_canvas_card_get_render (VaCanvas     *self,
                           VaCanvasCard *card)
{
  GtkSnapshot *snapshot;

  if (card->render != NULL)
    return card->render;

  va_canvas_ensure_style (self);
  snapshot = gtk_snapshot_new ();
  build_card (self, card, snapshot);
  card->render = gtk_snapshot_free_to_node (snapshot);
  card->serial++;
  return card->render;
}

/* The marker of the node the test chat is at: a pill ending at the card's right edge. */
GskRenderNode *
va_canvas_get_chat_pill (VaCanvas *self)
{
  const VaCanvasColors *c;
  g_autoptr(PangoLayout) layout = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  va_canvas_ensure_style (self);
  if (self->chat_pill != NULL)
    return self->chat_pill;

  c = &self->colors;
  layout = new_layout (self, _("Test chat"), SMALL_PX, PANGO_WEIGHT_BOLD, 200, 1);
  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  snapshot = gtk_snapshot_new ();
  append_rounded (snapshot, &GRAPHENE_RECT_INIT (-width - 20, -height - 12, width + 20, height + 6),
                  (height + 6) / 2.0, &c->accent);
  append_layout_at (snapshot, layout, -width - 10, -height - 9, &c->accent_fg);
  self->chat_pill = gtk_snapshot_free_to_node (snapshot);
  return self->chat_pill;
}
