/* va-canvas-draw.c — one frame of the canvas
 *
 * Per frame only what is visible is drawn: cards are culled against the
 * view and drawn from their cached render node under a transform; edges are
 * culled by their bounds and stroked in small pieces. Zoomed out below
 * VA_CANVAS_LOD_ZOOM, cards are plain blocks in their kind's tint (no text)
 * and edges right-angled connectors, all plain colour nodes.
 *
 * Costs measured with GTK 4.8's cairo renderer under Xvfb shaped this file:
 * colour nodes are nearly free, a rounded fill costs ~15 µs, a cairo node
 * ~8 µs plus ~2.7 ns per pixel of its bounds (one over the whole view: 2.5 ms),
 * a texture is uploaded on every draw. So no view-sized cairo node, no
 * per-frame textures, and "+" buttons are a disc and two bars.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "va-canvas-private.h"

static double
plus_radius (VaCanvas *self)
{
  return CLAMP (VA_CANVAS_PLUS_RADIUS * self->zoom, 7, 12);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static gboolean
edge_is_accented (VaCanvas     *self,
                  VaCanvasEdge *edge)
{
  return edge->card->selected || (edge->target != NULL && edge->target->selected) ||
         (edge->card == self->menu_edge_card && edge->index == self->menu_edge_port);
}

typedef struct
{
  double x, y;
} Point;

/* Strokes the cubic p[0..3] (widget coordinates) as cairo nodes no bigger than needed: a cairo
 * node costs about 8 µs plus in proportion to its area with the cairo renderer, so a curve is
 * split (de Casteljau) until each piece's box is small, and pieces out of view are dropped. A
 * long edge across the view then costs a few thin nodes instead of one as big as the view.
 * Edge colours are opaque, so the round caps where pieces meet do not show. */
static void
stroke_pieces (GtkSnapshot           *snapshot,
               const graphene_rect_t *area,
               const Point           *p,
               double                 line,
               double                 arrow,
               const GdkRGBA         *color,
               guint                  depth)
{
  double x0 = MIN (MIN (p[0].x, p[1].x), MIN (p[2].x, p[3].x)) - line;
  double x1 = MAX (MAX (p[0].x, p[1].x), MAX (p[2].x, p[3].x)) + line;
  double y0 = MIN (MIN (p[0].y, p[1].y), MIN (p[2].y, p[3].y)) - line;
  double y1 = MAX (MAX (p[0].y, p[1].y), MAX (p[2].y, p[3].y)) + line;
  graphene_rect_t box;
  cairo_t *cr;

  /* The last piece (arrow > 0) also draws the arrow head at its end, pointing down. */
  if (arrow > 0)
    {
      x0 = MIN (x0, p[3].x - arrow);
      x1 = MAX (x1, p[3].x + arrow);
      y0 = MIN (y0, p[3].y - 1.5 * arrow);
      y1 = MAX (y1, p[3].y + 3);
    }
  box = GRAPHENE_RECT_INIT (floor (x0), floor (y0), ceil (x1) - floor (x0), ceil (y1) - floor (y0));

  if (!graphene_rect_intersection (&box, area, NULL))
    return;
  if (box.size.width * box.size.height > 12000 && depth < 8)
    {
      Point p01 = { (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2 };
      Point p12 = { (p[1].x + p[2].x) / 2, (p[1].y + p[2].y) / 2 };
      Point p23 = { (p[2].x + p[3].x) / 2, (p[2].y + p[3].y) / 2 };
      Point p012 = { (p01.x + p12.x) / 2, (p01.y + p12.y) / 2 };
      Point p123 = { (p12.x + p23.x) / 2, (p12.y + p23.y) / 2 };
      Point m = { (p012.x + p123.x) / 2, (p012.y + p123.y) / 2 };
      const Point first[4] = { p[0], p01, p012, m };
      const Point second[4] = { m, p123, p23, p[3] };

      stroke_pieces (snapshot, area, first, line, 0, color, depth + 1);
      stroke_pieces (snapshot, area, second, line, arrow, color, depth + 1);
      return;
    }

  graphene_rect_intersection (&box, area, &box);
  cr = gtk_snapshot_append_cairo (snapshot, &box);
  cairo_set_line_width (cr, line);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, p[0].x, p[0].y);
  cairo_curve_to (cr, p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y);
  set_source (cr, color);
  cairo_stroke (cr);
  if (arrow > 0)
    {
      /* The curve stops 2 pixels short of the tip. */
      double tx = p[3].x, ty = p[3].y + 2;

      cairo_move_to (cr, tx, ty);
      cairo_line_to (cr, tx - arrow * 0.6, ty - arrow * 1.3);
      cairo_line_to (cr, tx + arrow * 0.6, ty - arrow * 1.3);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
draw_curve (VaCanvas              *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *area,
            VaCanvasEdge          *e,
            double                 line,
            double                 arrow,
            gboolean               accented)
{
  const GdkRGBA *color = accented ? &self->colors.accent : &self->colors.edge;
  const Point curve[4] = {
    { va_canvas_to_widget_x (self, e->sx), va_canvas_to_widget_y (self, e->sy) },
    { va_canvas_to_widget_x (self, e->c1x), va_canvas_to_widget_y (self, e->c1y) },
    { va_canvas_to_widget_x (self, e->c2x), va_canvas_to_widget_y (self, e->c2y) },
    { va_canvas_to_widget_x (self, e->tx), va_canvas_to_widget_y (self, e->ty) - 2 },
  };

  if (accented)
    line += 0.6;
  stroke_pieces (snapshot, area, curve, line, arrow, color, 0);
}

static void
draw_stub (VaCanvas     *self,
           GtkSnapshot  *snapshot,
           VaCanvasEdge *e,
           double        line)
{
  const VaCanvasColors *c = &self->colors;
  double x = va_canvas_to_widget_x (self, e->sx);
  double y0 = va_canvas_to_widget_y (self, e->sy);
  double y1 = va_canvas_to_widget_y (self, e->ty);

  if (e->dangling)
    {
      /* A port naming a node that does not exist: a dashed red stub. */
      const double dash[] = { 3, 3 };
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (x - 4, y0 - 1, 8, y1 - y0 + 2));

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, line + 0.4);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
      set_source (cr, &c->error);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
  else
    gtk_snapshot_append_color (snapshot, &c->edge, &GRAPHENE_RECT_INIT (x - line / 2, y0, line, y1 - y0));
}

/* Zoomed out, edges are right-angled connectors of plain rectangles: thousands of them cost
 * next to nothing. */
static void
draw_connector (VaCanvas     *self,
                GtkSnapshot  *snapshot,
                VaCanvasEdge *e,
                const GdkRGBA *color)
{
  double sx = va_canvas_to_widget_x (self, e->sx), sy = va_canvas_to_widget_y (self, e->sy);
  double tx = va_canvas_to_widget_x (self, e->tx), ty = va_canvas_to_widget_y (self, e->ty);
  double my = ty > sy ? (sy + ty) / 2 : sy + 4;

  if (ty <= sy)
    {
      /* A loop back up: down a little, across, up above the target, across, down. */
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (sx - 0.5, sy, 1, 4));
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (MIN (sx, tx), my, fabs (tx - sx) + 1, 1));
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (tx - 0.5, ty - 4, 1, my - ty + 4));
      return;
    }
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (sx - 0.5, sy, 1, my - sy));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (MIN (sx, tx) - 0.5, my, fabs (tx - sx) + 1, 1));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (tx - 0.5, my, 1, ty - my));
}

static void
draw_edges (VaCanvas              *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *view,
            const graphene_rect_t *area,
            gboolean               lod)
{
  const VaCanvasColors *c = &self->colors;
  double line = CLAMP (1.6 * self->zoom, 1.0, 2.6);
  double arrow = CLAMP (7 * self->zoom, 3, 10);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasEdge *e = &g_array_index (card->edges, VaCanvasEdge, j);

          /* Zoomed out, ports without a target have nothing to show. */
          if ((lod && e->target == NULL) || !graphene_rect_intersection (&e->bounds, view, NULL))
            continue;
          if (lod)
            draw_connector (self, snapshot, e, edge_is_accented (self, e) ? &c->accent : &c->edge);
          else if (e->target != NULL)
            draw_curve (self, snapshot, area, e, line, arrow, edge_is_accented (self, e));
          else
            draw_stub (self, snapshot, e, line);
        }
    }
}

/* A "+" button: one filled disc and a cross, the cheapest shapes there are. */
static void
draw_plus (VaCanvas     *self,
           GtkSnapshot  *snapshot,
           VaCanvasEdge *e,
           gboolean      hovered)
{
  const VaCanvasColors *c = &self->colors;
  double x = round (va_canvas_to_widget_x (self, e->px));
  double y = round (va_canvas_to_widget_y (self, e->py));
  double r = plus_radius (self);
  double arm = round (r * 0.5);
  const GdkRGBA *mark = hovered ? &c->accent_fg : &c->card;
  GskRoundedRect disc;

  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), r);
  va_canvas_append_rounded_fill (snapshot, &disc, hovered ? &c->accent : (e->dangling ? &c->error : &c->port));
  gtk_snapshot_append_color (snapshot, mark, &GRAPHENE_RECT_INIT (x - arm, y - 1, 2 * arm, 2));
  gtk_snapshot_append_color (snapshot, mark, &GRAPHENE_RECT_INIT (x - 1, y - arm, 2, 2 * arm));
}

static void
draw_plus_buttons (VaCanvas              *self,
                   GtkSnapshot           *snapshot,
                   const graphene_rect_t *view)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasEdge *e = &g_array_index (card->edges, VaCanvasEdge, j);
          gboolean hovered = self->hover.kind == VA_CANVAS_HIT_PLUS && self->hover.card == card &&
                             self->hover.port == j;

          if (graphene_rect_contains_point (view, &GRAPHENE_POINT_INIT (e->px, e->py)))
            draw_plus (self, snapshot, e, hovered);
        }
    }
}

static void
widget_rect (VaCanvas        *self,
             VaCanvasCard    *card,
             double           grow,
             GskRoundedRect  *out)
{
  double x = va_canvas_to_widget_x (self, card->x) - grow;
  double y = va_canvas_to_widget_y (self, card->y) - grow;
  double w = card->w * self->zoom + 2 * grow;
  double h = card->h * self->zoom + 2 * grow;

  gsk_rounded_rect_init_from_rect (out, &GRAPHENE_RECT_INIT (x, y, w, h),
                                   MAX (VA_CANVAS_CARD_RADIUS * self->zoom + grow, 1));
}

static void
append_ring (GtkSnapshot          *snapshot,
             const GskRoundedRect *rect,
             float                 width,
             const GdkRGBA        *color)
{
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gtk_snapshot_append_border (snapshot, rect, widths, colors);
}

/* Zoomed out, a card is a block tinted by its kind: one colour node, no text. */
static void
draw_cards_lod (VaCanvas              *self,
                GtkSnapshot           *snapshot,
                const graphene_rect_t *view)
{
  const VaCanvasColors *c = &self->colors;
  GdkRGBA tints[VA_N_NODE_KINDS];

  for (guint kind = 0; kind < VA_N_NODE_KINDS; kind++)
    {
      GdkRGBA tint;

      va_canvas_kind_color (kind, &tint);
      tints[kind] = (GdkRGBA) {
        c->card.red * 0.7 + tint.red * 0.3,
        c->card.green * 0.7 + tint.green * 0.3,
        c->card.blue * 0.7 + tint.blue * 0.3,
        1,
      };
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!graphene_rect_intersection (&GRAPHENE_RECT_INIT (card->x, card->y, card->w, card->h), view, NULL))
        continue;
      if (card->is_start)
        gtk_snapshot_append_color (snapshot, &c->accent,
                                   &GRAPHENE_RECT_INIT (va_canvas_to_widget_x (self, card->x) - 2,
                                                        va_canvas_to_widget_y (self, card->y) - 2,
                                                        card->w * self->zoom + 4, card->h * self->zoom + 4));
      gtk_snapshot_append_color (snapshot, &tints[va_node_get_kind (card->node)],
                                 &GRAPHENE_RECT_INIT (va_canvas_to_widget_x (self, card->x),
                                                      va_canvas_to_widget_y (self, card->y),
                                                      MAX (card->w * self->zoom, 1),
                                                      MAX (card->h * self->zoom, 1)));
    }
}

static void
draw_cards (VaCanvas              *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *view)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);
      /* The start pill and the shadow reach out of the card. */
      graphene_rect_t extent = GRAPHENE_RECT_INIT (card->x - 4, card->y - 32, card->w + 8, card->h + 40);

      if (!graphene_rect_intersection (&extent, view, NULL))
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (va_canvas_to_widget_x (self, card->x),
                                                              va_canvas_to_widget_y (self, card->y)));
      gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
      gtk_snapshot_append_node (snapshot, va_canvas_card_get_render (self, card));
      gtk_snapshot_restore (snapshot);
    }
}

static void
draw_overlays (VaCanvas              *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *view)
{
  const VaCanvasColors *c = &self->colors;
  VaCanvasCard *highlighted = va_canvas_find_card (self, self->highlighted);
  VaCanvasCard *focused = va_canvas_card_for_node (self, self->selected);
  GskRoundedRect rect;

  if (highlighted != NULL)
    {
      GdkRGBA halo = c->accent;

      /* The test chat's node: a wide soft ring around a solid one. */
      halo.alpha *= 0.3;
      widget_rect (self, highlighted, 7, &rect);
      append_ring (snapshot, &rect, 5, &halo);
      widget_rect (self, highlighted, 3, &rect);
      append_ring (snapshot, &rect, 2, &c->accent);
      if (self->zoom >= VA_CANVAS_LOD_ZOOM)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (va_canvas_to_widget_x (self, highlighted->x + highlighted->w),
                                                        va_canvas_to_widget_y (self, highlighted->y)));
          gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
          gtk_snapshot_append_node (snapshot, va_canvas_get_chat_pill (self));
          gtk_snapshot_restore (snapshot);
        }
    }

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!card->selected ||
          !graphene_rect_intersection (&GRAPHENE_RECT_INIT (card->x, card->y, card->w, card->h), view, NULL))
        continue;
      widget_rect (self, card, 1, &rect);
      append_ring (snapshot, &rect, 2, &c->accent);
    }

  if (self->hover.kind == VA_CANVAS_HIT_CARD && self->hover.card != NULL && !self->hover.card->selected &&
      self->drag == VA_CANVAS_DRAG_NONE)
    {
      GdkRGBA hover = c->accent;

      hover.alpha *= 0.5;
      widget_rect (self, self->hover.card, 1, &rect);
      append_ring (snapshot, &rect, 1, &hover);
    }

  if (self->drag == VA_CANVAS_DRAG_CONNECT && self->drop_target != NULL)
    {
      widget_rect (self, self->drop_target, 3, &rect);
      append_ring (snapshot, &rect, 3, &c->accent);
    }

  if (focused != NULL && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      GdkRGBA ring = c->accent;

      ring.alpha *= 0.5;
      widget_rect (self, focused, highlighted == focused ? 12 : 5, &rect);
      append_ring (snapshot, &rect, 2, &ring);
    }
}

static void
draw_drag (VaCanvas    *self,
           GtkSnapshot *snapshot,
           int          width,
           int          height)
{
  const VaCanvasColors *c = &self->colors;

  if (self->drag == VA_CANVAS_DRAG_RUBBER && self->dragging)
    {
      /* The band's anchor stays on the canvas when the view scrolls under the drag. */
      double ax = va_canvas_to_widget_x (self, self->drag_mx0);
      double ay = va_canvas_to_widget_y (self, self->drag_my0);
      double px = self->drag_x0 + self->drag_ox, py = self->drag_y0 + self->drag_oy;
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (ax, px), MIN (ay, py),
                                                 fabs (px - ax), fabs (py - ay));
      GdkRGBA fill = c->accent;
      GskRoundedRect outline;

      /* Clipped just outside the widget, so that the cut sides of the outline do not show. */
      graphene_rect_intersection (&band, &GRAPHENE_RECT_INIT (-4, -4, width + 8, height + 8), &band);
      fill.alpha *= 0.15;
      gtk_snapshot_append_color (snapshot, &fill, &band);
      gsk_rounded_rect_init_from_rect (&outline, &band, 0);
      append_ring (snapshot, &outline, 1, &c->accent);
    }
  else if (self->drag == VA_CANVAS_DRAG_CONNECT && self->dragging && self->press_hit.card != NULL &&
           self->press_hit.port < self->press_hit.card->edges->len)
    {
      VaCanvasEdge *e = &g_array_index (self->press_hit.card->edges, VaCanvasEdge, self->press_hit.port);
      double sx = va_canvas_to_widget_x (self, e->sx), sy = va_canvas_to_widget_y (self, e->sy);
      double tx = self->drag_x0 + self->drag_ox, ty = self->drag_y0 + self->drag_oy;
      double k = MAX (40, fabs (ty - sy) / 2);
      const double dash[] = { 6, 4 };
      cairo_t *cr;

      if (self->drop_target != NULL)
        {
          tx = va_canvas_to_widget_x (self, self->drop_target->x + self->drop_target->w / 2);
          ty = va_canvas_to_widget_y (self, self->drop_target->y);
        }
      cr = gtk_snapshot_append_cairo (snapshot,
                                      &GRAPHENE_RECT_INIT (MIN (sx, tx) - 6, MIN (sy, ty - k) - 6,
                                                           fabs (tx - sx) + 12, MAX (sy + k, ty) - MIN (sy, ty - k) + 12));
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, sx, sy);
      cairo_curve_to (cr, sx, sy + k, tx, ty - k, tx, ty);
      set_source (cr, &c->accent);
      cairo_stroke (cr);
      cairo_arc (cr, tx, ty, 4, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_destroy (cr);
    }
}

void
va_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  VaCanvas *self = VA_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t view;
  gboolean lod;

  if (width <= 0 || height <= 0)
    return;

  va_canvas_ensure_style (self);
  va_canvas_update_geometry (self);
  gtk_snapshot_append_color (snapshot, &self->colors.bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->cards->len == 0)
    return;

  view = GRAPHENE_RECT_INIT (va_canvas_to_model_x (self, 0), va_canvas_to_model_y (self, 0),
                             width / self->zoom, height / self->zoom);
  lod = self->zoom < VA_CANVAS_LOD_ZOOM;

  draw_edges (self, snapshot, &view, &GRAPHENE_RECT_INIT (-8, -8, width + 16, height + 16), lod);
  if (lod)
    draw_cards_lod (self, snapshot, &view);
  else
    draw_cards (self, snapshot, &view);
  draw_overlays (self, snapshot, &view);
  if (!lod)
    draw_plus_buttons (self, snapshot, &view);
  draw_drag (self, snapshot, width, height);
}
