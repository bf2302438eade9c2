# js — zh-CN
