"""Pages where curators and registrars work on joint exhibitions and loans.

Thin views over caravan.exhibitions (services to write, selectors to read): ``projects`` (the
list, starting an exhibition, its workspace), ``itinerary`` (venues and their reports),
``checklist`` (the builder and the items), ``loans`` (requests, the queue, one loan) and
``inbox``; ``urls`` lists their addresses.
"""
