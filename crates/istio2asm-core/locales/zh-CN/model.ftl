# model — zh-CN
