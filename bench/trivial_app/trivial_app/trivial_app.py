"""One page, one var, one event: the baseline bench/load.py compares the browse page with."""

import reflex as rx


class TrivialState(rx.State):
    value: str = ""
    count: int = 0

    @rx.event
    def pick(self, value: str) -> None:
        self.value = str(value)[:20]
        self.count += 1


def index() -> rx.Component:
    return rx.el.div(
        rx.el.p(TrivialState.value),
        rx.el.p(TrivialState.count),
        rx.el.button("pick", on_click=TrivialState.pick("x")),
    )


app = rx.App()
app.add_page(index, route="/")
