export default defineBackground(() => {
  // Wired up by the content-script issue.
});
