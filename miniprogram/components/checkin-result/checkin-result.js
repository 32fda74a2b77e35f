// The answer to a scan, large enough to read at arm's length in a queue.
Component({
  properties: {
    view: { type: Object, value: null },
  },
});
